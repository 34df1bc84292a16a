using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipamd.Tests.Support;

namespace Cloudnet.Ipamd.Tests.Hosting;

/// <summary>Every reply is preceded by a checkpoint write (synced for assignments): a daemon dropped without a graceful stop loses nothing.</summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task AbandonedDaemon_ManyAddsAndDels_SuccessorHasExactlyTheStateAndCooldowns()
    {
        // An hour's cooldown: the addresses released early in the run must still be cooling when the
        // successor hands out its own, however long a loaded machine takes for the 300 calls.
        await using var first = await TestDaemon.StartAsync(o =>
        {
            o.PoolCidrs = [Cidr.Parse("10.97.0.0/24"), Cidr.Parse("10.97.1.0/24")];
            o.IPCooldown = TimeSpan.FromHours(1);
        });
        var client = first.Client;
        var random = new Random(42);
        var live = new Dictionary<string, string>();
        var released = new HashSet<string>();
        for (var op = 0; op < 300; op++)
        {
            if (live.Count > 0 && random.NextDouble() < 0.35)
            {
                var id = live.Keys.ElementAt(random.Next(live.Count));
                var reply = await client.DelAsync(Requests.Del(id));
                Assert.Equal(live[id], reply.ReleasedAddress);
                released.Add(reply.ReleasedAddress);
                live.Remove(id);
            }
            else
            {
                var id = "c" + op;
                var reply = await client.AddAsync(Requests.Add(id));
                live[id] = reply.Address;
                released.Remove(reply.Address);
            }
        }

        await first.Host.AbandonAsync();
        await using var second = await first.StartSuccessorAsync();

        var restored = second.Get<Ipam.Pool.Datastore>().Allocations();
        Assert.Equal(live.Count, restored.Count);
        Assert.All(restored, a => Assert.Equal(live[a.Key.ContainerId], a.Address.ToString()));
        Assert.Equal(restored.Count, restored.Select(a => a.Address).Distinct().Count());
        var cooling = second.Get<Ipam.Pool.Datastore>().CoolingAddresses().Select(c => c.Address.ToString()).ToHashSet();
        Assert.Subset(cooling, released);
        for (var i = 0; i < 20; i++)
        {
            var fresh = await second.Client.AddAsync(Requests.Add("after-" + i));
            Assert.DoesNotContain(fresh.Address, released);
            Assert.DoesNotContain(fresh.Address, live.Values);
        }
    }
}

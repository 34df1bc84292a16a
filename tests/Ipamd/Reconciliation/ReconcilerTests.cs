using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Fakes;

namespace Cloudnet.Ipamd.Tests.Reconciliation;

/// <summary>The real reconciler against the stateful fake cloud; assertions are on outcomes.</summary>
public sealed class ReconcilerTests
{
    private static AllocationKey Key(int i) => new("net", "c" + i, "eth0");

    [Fact]
    public async Task RunOnce_EmptyPoolWithWarmIPTarget_HoldsExactlyTheTargetFree()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 5 });

        var outcome = await rig.RunAsync(describe: true);

        Assert.True(outcome.Succeeded);
        Assert.Equal(5, rig.Datastore.Stats.Available);
        Assert.Equal(rig.CloudAddresses().Count, rig.DatastoreAddresses());
    }

    [Fact]
    public async Task RunOnce_MinimumBeyondOneInterface_CreatesAndFillsAnotherInterface()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 2, MinimumIPTarget = 15 });

        var outcome = await rig.RunAsync(describe: true);

        Assert.True(outcome.Succeeded);
        Assert.Equal(2, rig.Cloud.Snapshot().Interfaces.Length);
        Assert.Equal(15, rig.Datastore.Stats.Total);
        Assert.Equal(rig.CloudAddresses().Count, rig.DatastoreAddresses());
    }

    [Fact]
    public async Task RunOnce_PendingAdds_CountAsDemand()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 1 });
        await rig.RunAsync(describe: true);

        using (rig.Signals.Demand.Wait())
        using (rig.Signals.Demand.Wait())
        using (rig.Signals.Demand.Wait())
        {
            await rig.RunAsync();
        }

        Assert.Equal(4, rig.Datastore.Stats.Available);
    }

    [Fact]
    public async Task RunOnce_TransientFault_FailsRoundThenNextRoundConverges()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 5 });
        rig.Cloud.FailNext(FakeCloudOperations.AssignAddresses, CloudErrorKind.Transient);

        var failed = await rig.RunAsync(describe: true);
        var retried = await rig.RunAsync();

        Assert.False(failed.Succeeded);
        Assert.IsType<CloudProviderException>(failed.Error);
        Assert.True(retried.Succeeded);
        Assert.Equal(0, rig.Reconciler.ConsecutiveFailures);
        Assert.Equal(5, rig.Datastore.Stats.Available);
        Assert.Equal(1, rig.Metrics.ReconcileErrors.Value);
        Assert.Equal(1, rig.Metrics.ProviderErrors.WithLabels("fake", "AssignAddresses", "Transient").Value);
    }

    [Fact]
    public async Task RunOnce_ThrottledCloud_ConvergesOverRoundsAsTokensRefill()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 12 });
        rig.Cloud.SetThrottle(burst: 2, tokensPerSecond: 1);

        var first = await rig.RunAsync(describe: true);
        var rounds = 1;
        for (var last = first; !last.Succeeded && rounds < 20; rounds++)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(10));
            last = await rig.RunAsync();
        }

        Assert.Equal(CloudErrorKind.Throttled, Assert.IsType<CloudProviderException>(first.Error).Kind);
        Assert.InRange(rounds, 2, 19);
        Assert.Equal(12, rig.Datastore.Stats.Available);
        Assert.Equal(rig.CloudAddresses().Count, rig.DatastoreAddresses());
    }

    [Fact]
    public async Task RunOnce_ResyncAfterACreateFailed_NextRoundDescribesAndCreatesNoSecondInterface()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 12 });
        rig.Cloud.FailNext(FakeCloudOperations.AssignAddresses, CloudErrorKind.Transient);
        Assert.False((await rig.RunAsync(describe: true)).Succeeded); // nothing assigned; the resync went through
        rig.Cloud.FailNext(FakeCloudOperations.Describe, CloudErrorKind.Throttled);

        var acted = await rig.RunAsync(); // fills the primary, creates a filled interface, then its resync is throttled
        var next = await rig.RunAsync();

        Assert.Equal(CloudErrorKind.Throttled, Assert.IsType<CloudProviderException>(acted.Error).Kind);
        Assert.True(next.Succeeded);
        Assert.Equal(1, rig.Cloud.CallCount(FakeCloudOperations.CreateInterface));
        Assert.Equal(2, rig.Cloud.Snapshot().Interfaces.Length);
        Assert.Equal(12, rig.Datastore.Stats.Available);
    }

    [Fact]
    public async Task RunOnce_PrefixModeOnFragmentedSubnet_FallsBackToSingleAddresses()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { PrefixDelegation = true, WarmPrefixTarget = 1 });
        rig.Cloud.FragmentedSubnet = true;

        var outcome = await rig.RunAsync(describe: true);

        Assert.True(outcome.Succeeded);
        var primary = rig.Cloud.Snapshot().Interfaces[0];
        Assert.Empty(primary.Prefixes);
        Assert.NotEmpty(primary.Addresses);
        Assert.True(rig.Datastore.Stats.Available > 0);
        Assert.True(rig.Metrics.PrefixFallbacks.Value >= 1);
    }

    [Fact]
    public async Task RunOnce_PrefixFallbackThenCreate_NewInterfaceCreatedWithAddresses()
    {
        // Six prefixes wanted, four fit the primary: [assign 4 prefixes to the primary, create an
        // interface with 2]. The first falls back to addresses; the create in the same round must too.
        await using var rig = new ReconcilerRig(new WarmPoolOptions { PrefixDelegation = true, WarmPrefixTarget = 6 });
        rig.Cloud.FragmentedSubnet = true;

        var outcome = await rig.RunAsync(describe: true);

        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        var created = rig.Cloud.Snapshot().Interfaces.Where(i => !i.IsPrimary).ToList();
        Assert.NotEmpty(created);
        Assert.All(created, i => Assert.Empty(i.Prefixes));
        Assert.All(created, i => Assert.Equal(rig.Cloud.Limits.AddressesPerInterface, i.Addresses.Length));
    }

    [Fact]
    public async Task RunOnce_PrefixMode_AssignsPrefixes()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { PrefixDelegation = true, WarmPrefixTarget = 1 });

        var outcome = await rig.RunAsync(describe: true);

        Assert.True(outcome.Succeeded);
        Assert.NotEmpty(rig.Cloud.Snapshot().Interfaces[0].Prefixes);
        Assert.Equal(rig.CloudAddresses().Count, rig.DatastoreAddresses());
    }

    [Fact]
    public async Task RunOnce_SurplusAboveTarget_ReleasesFreeAddressesButNeverAssignedOrCooling()
    {
        var cloud = new FakeCloudOptions { InitialAddresses = 10 };
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 2, ReleaseDelay = TimeSpan.Zero }, cloud);
        var node = rig.Cloud.Snapshot();
        rig.State.SetNode(node);
        rig.Datastore.SyncInterfaces(node.Interfaces);
        var held = Enumerable.Range(0, 2).Select(i => rig.Signals.Gate.Assign(Key(i), null).Allocation!).ToList();
        var cooling = rig.Signals.Gate.Assign(Key(99), null).Allocation!;
        rig.Datastore.Release(Key(99));

        await rig.RunAsync();

        var onCloud = rig.CloudAddresses();
        Assert.All(held, a => Assert.Contains(a.Address, onCloud));
        Assert.Contains(cooling.Address, onCloud);
        Assert.Equal(2, rig.Datastore.Stats.Available);
        Assert.Equal(onCloud.Count, rig.DatastoreAddresses());
    }

    [Fact]
    public async Task RunOnce_SurplusShorterThanTheReleaseDelay_KeptThenReleasedOnceItLasted()
    {
        var cloud = new FakeCloudOptions { InitialAddresses = 10 };
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 2, ReleaseDelay = TimeSpan.FromMinutes(5) }, cloud);
        var node = rig.Cloud.Snapshot();
        rig.State.SetNode(node);
        rig.Datastore.SyncInterfaces(node.Interfaces);

        await rig.RunAsync();
        var heldBack = rig.CloudAddresses().Count;
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.RunAsync();

        Assert.Equal(10, heldBack);
        Assert.Equal(2, rig.CloudAddresses().Count);
        Assert.Equal(2, rig.Datastore.Stats.Available);
        var held = Assert.Single(rig.Logs.Events, e => e.EventId == Logging.EventIds.ReleaseHeld);
        Assert.Contains("2025-01-01 00:05:00Z", held.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_PoolGrowsSoonAfterARelease_DelayDoublesLoggedAndInTheMetric()
    {
        var cloud = new FakeCloudOptions { InitialAddresses = 10 };
        var targets = new WarmPoolOptions { WarmIPTarget = 2, ReleaseDelay = TimeSpan.FromMinutes(5), MaxReleaseDelay = TimeSpan.FromMinutes(30) };
        await using var rig = new ReconcilerRig(targets, cloud);
        var node = rig.Cloud.Snapshot();
        rig.State.SetNode(node);
        rig.Datastore.SyncInterfaces(node.Interfaces);
        var before = rig.Metrics.ReleaseDelay.Value;

        await rig.RunAsync();
        rig.Time.Advance(TimeSpan.FromMinutes(5));
        await rig.RunAsync();
        var released = rig.CloudAddresses().Count;
        rig.Time.Advance(TimeSpan.FromMinutes(1));
        rig.Signals.Gate.Assign(Key(1), null);
        rig.Signals.Gate.Assign(Key(2), null);
        await rig.RunAsync();

        Assert.Equal(2, released);
        Assert.Equal(4, rig.CloudAddresses().Count);
        Assert.Equal(300, before);
        Assert.Equal(TimeSpan.FromMinutes(10), rig.Reconciler.ReleaseDelay);
        Assert.Equal(600, rig.Metrics.ReleaseDelay.Value);
        var changed = Assert.Single(rig.Logs.Events, e => e.EventId == Logging.EventIds.ReleaseDelayChanged);
        Assert.Contains("00:10:00 (was 00:05:00): the pool had to grow again", changed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnce_AssignsRacingReleases_NoPodKeepsAnAddressTheCloudTookBack()
    {
        var cloud = new FakeCloudOptions { InitialAddresses = 10, Limits = new() { MaxInterfaces = 3, AddressesPerInterface = 10 } };
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 1 }, cloud);
        await rig.RunAsync(describe: true);

        var assigns = Task.Run(() =>
        {
            for (var i = 0; i < 500; i++)
            {
                rig.Signals.Gate.Assign(Key(i), null);
                if (i % 3 == 0)
                {
                    rig.Datastore.Release(Key(i));
                }
            }
        });
        for (var round = 0; round < 20 && !assigns.IsCompleted; round++)
        {
            await rig.RunAsync(describe: round % 2 == 0);
        }

        await assigns;
        await rig.RunAsync(describe: true);

        var onCloud = rig.CloudAddresses();
        Assert.All(rig.Datastore.Allocations(), a => Assert.Contains(a.Address, onCloud));
        Assert.Equal(rig.Datastore.Allocations().Count, rig.Datastore.Allocations().Select(a => a.Address).Distinct().Count());
    }

    [Fact]
    public async Task RunOnce_InterfaceLimitReached_StopsGrowingWithoutError()
    {
        var cloud = new FakeCloudOptions { Limits = new() { MaxInterfaces = 1, AddressesPerInterface = 4 } };
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 10 }, cloud);

        var outcome = await rig.RunAsync(describe: true);

        Assert.True(outcome.Succeeded);
        Assert.Equal(4, rig.Datastore.Stats.Total);
        Assert.Single(rig.Cloud.Snapshot().Interfaces);
    }

    [Fact]
    public async Task RunOnce_AfterChanges_PersistsCheckpoint()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 3 });

        await rig.RunAsync(describe: true);

        Assert.True(rig.Store.Saves > 0);
    }
}

using System.Net;
using System.Net.Sockets;
using Cloudnet.Dataplane.Netlink;
using Cloudnet.Testing;
using Xunit;

namespace Cloudnet.Dataplane.Tests.Netlink;

/// <summary>
/// A real NLM_F_DUMP_INTR: an address dump that spans many datagrams while another socket keeps
/// changing the namespace's addresses. The kernel flags the dump; the client restarts it and
/// returns a listing that is never torn (every fixed address exactly once).
/// </summary>
public sealed class DumpInterruptTests
{
    private const int FixedAddresses = 2000;
    private const int MaxDumps = 3000;

    [RootFact]
    public void ListAddresses_WhileAddressesChange_RestartsInterruptedDumpsAndNeverTears()
    {
        using var ns = TwoNamespaces.Create();
        var nic = ns.HostLink.CreateNic("nic-many", up: true);
        var fixedSet = Enumerable.Range(0, FixedAddresses)
            .Select(i => IPAddress.Parse($"10.{100 + (i >> 16)}.{(i >> 8) & 0xff}.{i & 0xff}"))
            .ToHashSet();
        foreach (var address in fixedSet)
        {
            ns.HostLink.AddAddress(new LinkAddress(nic.Index, address, 32));
        }

        using var mutator = ns.Host.OpenNetlink();
        using var stop = new CancellationTokenSource();
        using var churning = new ManualResetEventSlim();
        // A thread of its own: a thread-pool work item can wait seconds for a thread on a busy
        // machine, and dumps made before the churn starts cannot be interrupted.
        var churn = Task.Factory.StartNew(
            () =>
            {
                var flapping = new LinkAddress(nic.Index, IPAddress.Parse("10.250.0.1"), 32);
                // Churn only until the first interruption is seen: the restarted dump must then
                // complete. Unbounded churn on a loaded machine can interrupt every retry.
                while (!stop.IsCancellationRequested && ns.HostLink.InterruptedDumps == 0)
                {
                    mutator.AddAddress(flapping, replace: true);
                    mutator.DeleteAddress(flapping);
                    churning.Set();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var dumps = 0;
        try
        {
            // The dumps start once the addresses are changing; if the churn failed, its error is
            // what the test reports.
            while (!churning.IsSet && !churn.IsCompleted)
            {
                churning.Wait(TimeSpan.FromMilliseconds(100));
            }

            while (ns.HostLink.InterruptedDumps == 0 && dumps < MaxDumps)
            {
                dumps++;
                var listed = ns.HostLink.ListAddresses(AddressFamily.InterNetwork, nic.Index)
                    .Select(address => address.Address)
                    .Where(fixedSet.Contains)
                    .ToList();
                Assert.Equal(FixedAddresses, listed.Count);
                Assert.Equal(FixedAddresses, listed.Distinct().Count());
            }
        }
        finally
        {
            stop.Cancel();
            churn.GetAwaiter().GetResult();
        }

        Assert.True(ns.HostLink.InterruptedDumps > 0, $"no dump was interrupted in {dumps} dumps");
    }
}

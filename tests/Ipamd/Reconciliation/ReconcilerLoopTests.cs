using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Reconciliation;
using Cloudnet.Ipamd.Tests.Support;
using Cloudnet.Testing.Fakes;

namespace Cloudnet.Ipamd.Tests.Reconciliation;

/// <summary>The reconciler's trigger/timer loop on a fake clock.</summary>
public sealed class ReconcilerLoopTests
{
    [Fact]
    public async Task Trigger_AfterStart_RunsARoundThatReachesTheTarget()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 3 });
        rig.Reconciler.Start();

        rig.Reconciler.Trigger();

        await Eventually.TrueAsync(() => rig.Datastore.Stats.Available == 3, "three free addresses");
    }

    [Fact]
    public async Task Trigger_ManyTimesAtOnce_CoalescesIntoFewRounds()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 3 });
        rig.Reconciler.Start();

        for (var i = 0; i < 100; i++)
        {
            rig.Reconciler.Trigger();
        }

        await Eventually.TrueAsync(() => rig.Datastore.Stats.Available == 3, "three free addresses", step: () => rig.Time.Advance(TimeSpan.FromMilliseconds(500)));
        await Task.Delay(100);
        Assert.InRange(rig.Metrics.ReconcileRuns.Value, 1, 3);
    }

    [Fact]
    public async Task HeldRelease_FallsDue_ReleasedWithoutWaitingForTheSafetyTimer()
    {
        await using var rig = new ReconcilerRig(
            new WarmPoolOptions { WarmIPTarget = 2, ReleaseDelay = TimeSpan.FromSeconds(20) },
            new FakeCloudOptions { InitialAddresses = 10 },
            new ReconcilerSettings { SafetyInterval = TimeSpan.FromHours(1) });
        var start = rig.Time.GetUtcNow();
        await rig.RunAsync(describe: true);
        rig.Reconciler.Start();
        rig.Reconciler.Trigger();
        await Eventually.TrueAsync(() => rig.Metrics.ReconcileRuns.Value == 2, "the loop's first round (surplus still held)");
        Assert.Equal(10, rig.CloudAddresses().Count);

        // Stepped, not one 20 s jump: a round is counted when it starts, so the loop may still be in
        // it; a jump then stamps the round's end at the due time, and the round the release timer
        // asks for waits its 500 ms spacing on a clock that no longer moves.
        await Eventually.TrueAsync(() => rig.CloudAddresses().Count == 2, "the surplus released when it fell due",
            step: () => rig.Time.Advance(TimeSpan.FromSeconds(1)));
        Assert.True(rig.Time.GetUtcNow() - start < rig.Settings.SafetyInterval, "released before the safety timer");
    }

    [Fact]
    public async Task SafetyTimer_NoTrigger_ResyncsWhatChangedInTheCloud()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 3 });
        await rig.RunAsync(describe: true);
        rig.Reconciler.Start();
        var primary = rig.Cloud.Snapshot().Interfaces[0].Id;

        // Someone else (an operator, a previous daemon) assigned addresses behind our back.
        await rig.Cloud.AssignAddressesAsync(primary, 2, CancellationToken.None);

        await Eventually.TrueAsync(() => rig.Datastore.Stats.Total == rig.CloudAddresses().Count, "datastore matches the cloud",
            step: () => rig.Time.Advance(rig.Settings.SafetyInterval));
    }

    [Fact]
    public async Task Trigger_AfterFailedRound_RetriesOnlyAfterBackoff()
    {
        await using var rig = new ReconcilerRig(new WarmPoolOptions { WarmIPTarget = 3 }, settings: new ReconcilerSettings { InitialBackoff = TimeSpan.FromSeconds(5) });
        rig.Cloud.FailNext(FakeCloudOperations.AssignAddresses, CloudErrorKind.Throttled);
        rig.Reconciler.Start();
        rig.Reconciler.Trigger();
        await Eventually.TrueAsync(() => rig.Reconciler.ConsecutiveFailures == 1, "the first round failed");

        rig.Reconciler.Trigger();
        await Task.Delay(200);
        var attemptsBeforeBackoff = rig.Cloud.CallCount(FakeCloudOperations.AssignAddresses);

        // Advanced in steps: on a busy machine the loop may not have armed the backoff's delay yet.
        await Eventually.TrueAsync(() => rig.Datastore.Stats.Available == 3, "the retry reached the target",
            step: () => AdvanceUntilCalled(rig, FakeCloudOperations.AssignAddresses, 2));
        await Eventually.TrueAsync(() => rig.Reconciler.ConsecutiveFailures == 0, "the retry round succeeded");
        Assert.Equal(1, attemptsBeforeBackoff);
    }

    [Fact]
    public async Task FailedRound_NoFurtherTrigger_RetriedAfterTheBackoffNotTheSafetyTimer()
    {
        await using var rig = new ReconcilerRig(
            new WarmPoolOptions { WarmIPTarget = 3 },
            settings: new ReconcilerSettings { InitialBackoff = TimeSpan.FromSeconds(5), SafetyInterval = TimeSpan.FromHours(1) });
        rig.Cloud.FailNext(FakeCloudOperations.AssignAddresses, CloudErrorKind.Throttled);
        rig.Reconciler.Start();
        rig.Reconciler.Trigger();
        await Eventually.TrueAsync(() => rig.Reconciler.ConsecutiveFailures == 1, "the first round failed");
        await Task.Delay(200);
        var before = rig.Cloud.CallCount(FakeCloudOperations.AssignAddresses);

        // The clock stops once the retry has called the cloud, so a slow machine cannot push it on.
        await Eventually.TrueAsync(() => rig.Datastore.Stats.Available == 3, "the retry reached the target",
            step: () => AdvanceUntilCalled(rig, FakeCloudOperations.AssignAddresses, 2));

        Assert.Equal(1, before); // nothing before the backoff
        Assert.Equal(0, rig.Reconciler.ConsecutiveFailures);
        Assert.True(rig.Time.GetUtcNow() - new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero) < TimeSpan.FromMinutes(1), "retried long before the safety timer");
    }

    [Fact]
    public async Task StopAsync_WhileWaiting_ReturnsPromptly()
    {
        var rig = new ReconcilerRig();
        rig.Reconciler.Start();

        // A hang detector (the loop waits on a fake clock nobody moves), so generous on a loaded machine.
        await rig.Reconciler.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));
        await rig.DisposeAsync();
    }

    // One second of the fake clock per step, until the operation has been called this often.
    private static void AdvanceUntilCalled(ReconcilerRig rig, string operation, int calls)
    {
        if (rig.Cloud.CallCount(operation) < calls)
        {
            rig.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}

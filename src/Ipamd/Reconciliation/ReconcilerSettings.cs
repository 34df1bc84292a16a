namespace Cloudnet.Ipamd.Reconciliation;

/// <summary>Timing of the warm-pool reconciler. The initialisers are the defaults.</summary>
public sealed class ReconcilerSettings
{
    /// <summary>Shortest time between two rounds, however often it is triggered. Default 500 ms.</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Safety-net round (describe, resync, plan) even without triggers. Default 60 s.</summary>
    public TimeSpan SafetyInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait after the first failed round; doubles per failure. Default 1 s.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between failed rounds. Default 60 s.</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Plan-act-resync steps in one round (creating an interface takes one, filling it the next). Default 8.</summary>
    public int MaxStepsPerRound { get; set; } = 8;
}

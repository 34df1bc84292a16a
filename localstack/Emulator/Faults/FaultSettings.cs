namespace Cloudnet.Emulator.Faults;

/// <summary>The body of PUT /_emulator/faults: rules per action and throttling.</summary>
public sealed class FaultSettings
{
    /// <summary>Rules; an action gets the latency of every matching rule and fails if any matching rule's dice say so.</summary>
    public IList<FaultRule> Rules { get; set; } = [];

    /// <summary>Token-bucket throttling.</summary>
    public ThrottleSettings Throttling { get; set; } = new();

    /// <summary>Reseeds the fault dice when set (null keeps the current sequence).</summary>
    public int? Seed { get; set; }
}

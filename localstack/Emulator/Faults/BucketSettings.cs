namespace Cloudnet.Emulator.Faults;

/// <summary>One token bucket's size: <see cref="Capacity"/> tokens, refilled at <see cref="RefillPerSecond"/> tokens per second.</summary>
public sealed class BucketSettings
{
    /// <summary>Maximum (and initial) tokens.</summary>
    public int Capacity { get; set; }

    /// <summary>Tokens added per second, up to the capacity.</summary>
    public double RefillPerSecond { get; set; }
}

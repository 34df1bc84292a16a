using System.Globalization;
using Cloudnet.Emulator.Faults;

namespace Cloudnet.Bench.Fleet;

/// <summary>The fleet start to simulate. The initialisers are fleet.sh's defaults.</summary>
public sealed class FleetSettings
{
    /// <summary>Nodes started at the same instant. Default 50.</summary>
    public int Nodes { get; set; } = 50;

    /// <summary>Instance type of every node. Default m5.large (3 ENIs × 10 addresses).</summary>
    public string InstanceType { get; set; } = "m5.large";

    /// <summary>Latency added to every EC2 call by the emulator. Default 150 ms (as bench/aws/cold-pool.sh).</summary>
    public int LatencyMs { get; set; } = 150;

    /// <summary>How long IMDS lags EC2. Default 1 s.</summary>
    public TimeSpan ImdsLag { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Multiplies every bucket's capacity and refill rate (0.5 = an account whose other clients use half). Default 1.</summary>
    public double BucketScale { get; set; } = 1;

    /// <summary>A node whose warm pool is not ready this long after the start counts as failed. Default 300 s.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Wait after the last node is done before the calls are read (late background calls). Default 3 s.</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Seed of ids, address picks and the aws-style side's jitter. Default 1.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Sides to run, in order: "cloudnet", "aws-style". Default both.</summary>
    public IList<string> Sides { get; } = ["cloudnet", "aws-style"];

    /// <summary>EC2's account-level throttling: the emulator's per-API buckets (EC2's published request
    /// token limits), scaled by <see cref="BucketScale"/>.</summary>
    public ThrottleSettings Throttling()
    {
        var published = new ThrottleSettings();
        return new ThrottleSettings
        {
            Enabled = true,
            Mutating = Scale(published.Mutating),
            NonMutating = Scale(published.NonMutating),
            UnfilteredNonMutating = Scale(published.UnfilteredNonMutating),
            ResourceIntensive = Scale(published.ResourceIntensive),
            Uncategorized = Scale(published.Uncategorized),
        };
    }

    /// <summary>One line naming every setting, for the report.</summary>
    public string Describe()
    {
        var t = Throttling();
        return string.Create(CultureInfo.InvariantCulture,
            $"{Nodes} nodes ({InstanceType}) started at one instant; {LatencyMs} ms per EC2 call; IMDS lag {ImdsLag.TotalSeconds} s; "
            + $"account buckets per API: mutating {t.Mutating.Capacity} / {t.Mutating.RefillPerSecond} per s, non-mutating {t.NonMutating.Capacity} / {t.NonMutating.RefillPerSecond} per s, "
            + $"unfiltered non-mutating {t.UnfilteredNonMutating.Capacity} / {t.UnfilteredNonMutating.RefillPerSecond} per s; deadline {Deadline.TotalSeconds} s; seed {Seed}");
    }

    private BucketSettings Scale(BucketSettings bucket) => new()
    {
        Capacity = Math.Max(1, (int)Math.Round(bucket.Capacity * BucketScale)),
        RefillPerSecond = bucket.RefillPerSecond * BucketScale,
    };
}

namespace Cloudnet.Emulator.State;

/// <summary>
/// Built-in limits of common instance types, from EC2's "IP addresses per network interface per
/// instance type" table. Types not listed here are unknown to the emulator (InvalidInstanceType).
/// </summary>
public static class InstanceTypeTable
{
    private static readonly InstanceTypeInfo[] Types =
    [
        new("t2.micro", 2, 2, 2, 1, 1024),
        new("t2.medium", 3, 6, 6, 2, 4096),
        new("t3.nano", 2, 2, 2, 2, 512),
        new("t3.micro", 2, 2, 2, 2, 1024),
        new("t3.small", 3, 4, 4, 2, 2048),
        new("t3.medium", 3, 6, 6, 2, 4096),
        new("t3.large", 3, 12, 12, 2, 8192),
        new("t3.xlarge", 4, 15, 15, 4, 16384),
        new("t3.2xlarge", 4, 15, 15, 8, 32768),
        new("m5.large", 3, 10, 10, 2, 8192),
        new("m5.xlarge", 4, 15, 15, 4, 16384),
        new("m5.2xlarge", 4, 15, 15, 8, 32768),
        new("m5.4xlarge", 8, 30, 30, 16, 65536),
        new("m5.8xlarge", 8, 30, 30, 32, 131072),
        new("m5.12xlarge", 8, 30, 30, 48, 196608),
        new("m5.16xlarge", 15, 50, 50, 64, 262144),
        new("m5.24xlarge", 15, 50, 50, 96, 393216),
        new("m6i.large", 3, 10, 10, 2, 8192),
        new("m6i.xlarge", 4, 15, 15, 4, 16384),
        new("c5.large", 3, 10, 10, 2, 4096),
        new("c5.xlarge", 4, 15, 15, 4, 8192),
        new("c5.2xlarge", 4, 15, 15, 8, 16384),
        new("c5.4xlarge", 8, 30, 30, 16, 32768),
        new("c5.9xlarge", 8, 30, 30, 36, 73728),
        new("r5.large", 3, 10, 10, 2, 16384),
        new("r5.xlarge", 4, 15, 15, 4, 32768),
    ];

    private static readonly Dictionary<string, InstanceTypeInfo> ByName =
        Types.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Every known type, in table order.</summary>
    public static IReadOnlyList<InstanceTypeInfo> All => Types;

    /// <summary>Looks a type up by its exact name.</summary>
    public static bool TryGet(string name, out InstanceTypeInfo info) => ByName.TryGetValue(name, out info!);

    /// <summary>Looks a type up by its exact name in <paramref name="extra"/> first, then in the table.</summary>
    public static bool TryGet(string name, IEnumerable<InstanceTypeInfo> extra, out InstanceTypeInfo info)
    {
        info = extra.LastOrDefault(t => t.Name == name)!;
        return info is not null || TryGet(name, out info);
    }

    /// <summary>The table with <paramref name="extra"/> added (a type of the same name replaced).</summary>
    public static IReadOnlyList<InstanceTypeInfo> With(IEnumerable<InstanceTypeInfo> extra)
    {
        var added = extra.GroupBy(t => t.Name, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        return [.. Types.Select(t => added.FirstOrDefault(a => a.Name == t.Name) ?? t), .. added.Where(a => !ByName.ContainsKey(a.Name))];
    }
}

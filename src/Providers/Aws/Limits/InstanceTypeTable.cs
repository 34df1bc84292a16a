using System.Collections.Frozen;

namespace Cloudnet.Providers.Aws.Limits;

/// <summary>
/// Built-in network limits of common instance types: what a node of a listed type boots with (no
/// DescribeInstanceTypes on the boot path; EC2 is asked later and wins, see InstanceLimitsSource),
/// and what is used when DescribeInstanceTypes cannot be called (IMDS-only mode, missing
/// ec2:DescribeInstanceTypes permission, EC2 down).
/// Values from EC2's published "maximum network interfaces / IPv4 addresses per interface" tables.
/// </summary>
public static class InstanceTypeTable
{
    // The general-purpose Nitro sizes share one shape: (size, ENIs, IPs per ENI, vCPUs).
    private static readonly (string Size, int Enis, int Ips, int VCpus)[] NitroStandard =
    [
        ("large", 3, 10, 2), ("xlarge", 4, 15, 4), ("2xlarge", 4, 15, 8), ("4xlarge", 8, 30, 16),
        ("8xlarge", 8, 30, 32), ("12xlarge", 8, 30, 48), ("16xlarge", 15, 50, 64), ("24xlarge", 15, 50, 96),
    ];

    private static readonly (string Size, int Enis, int Ips, int VCpus)[] Burstable =
    [
        ("nano", 2, 2, 2), ("micro", 2, 2, 2), ("small", 3, 4, 2), ("medium", 3, 6, 2),
        ("large", 3, 12, 2), ("xlarge", 4, 15, 4), ("2xlarge", 4, 15, 8),
    ];

    private static readonly FrozenDictionary<string, InstanceTypeLimits> Table = Build();

    /// <summary>The limits of <paramref name="instanceType"/>, or null when the table lacks it.</summary>
    public static InstanceTypeLimits? Find(string instanceType) =>
        Table.GetValueOrDefault(instanceType.Trim().ToLowerInvariant());

    /// <summary>Every instance type in the table.</summary>
    public static IEnumerable<string> Known => Table.Keys;

    private static FrozenDictionary<string, InstanceTypeLimits> Build()
    {
        var table = new Dictionary<string, InstanceTypeLimits>(StringComparer.Ordinal);
        void Add(string type, int enis, int ips, int vcpus, bool nitro) =>
            table[type] = new InstanceTypeLimits(type, enis, ips, vcpus, nitro);

        foreach (var family in new[] { "m5", "m5a", "m5d", "m6i", "m6a", "m6g", "m7i", "m7g", "r5", "r5a", "r6i", "r6g", "r7i" })
        {
            foreach (var (size, enis, ips, vcpus) in NitroStandard)
            {
                Add($"{family}.{size}", enis, ips, vcpus, nitro: true);
            }
        }

        foreach (var family in new[] { "c6i", "c6a", "c6g", "c7i", "c7g" })
        {
            foreach (var (size, enis, ips, vcpus) in NitroStandard)
            {
                Add($"{family}.{size}", enis, ips, vcpus, nitro: true);
            }
        }

        Add("m6i.32xlarge", 15, 50, 128, nitro: true);
        Add("c6i.32xlarge", 15, 50, 128, nitro: true);
        Add("c5.large", 3, 10, 2, nitro: true);
        Add("c5.xlarge", 4, 15, 4, nitro: true);
        Add("c5.2xlarge", 4, 15, 8, nitro: true);
        Add("c5.4xlarge", 8, 30, 16, nitro: true);
        Add("c5.9xlarge", 8, 30, 36, nitro: true);
        Add("c5.12xlarge", 8, 30, 48, nitro: true);
        Add("c5.18xlarge", 15, 50, 72, nitro: true);
        Add("c5.24xlarge", 15, 50, 96, nitro: true);

        foreach (var family in new[] { "t3", "t3a", "t4g" })
        {
            foreach (var (size, enis, ips, vcpus) in Burstable)
            {
                Add($"{family}.{size}", enis, ips, vcpus, nitro: true);
            }
        }

        // Xen generations: no prefix delegation.
        Add("t2.nano", 2, 2, 1, nitro: false);
        Add("t2.micro", 2, 2, 1, nitro: false);
        Add("t2.small", 3, 4, 1, nitro: false);
        Add("t2.medium", 3, 6, 2, nitro: false);
        Add("t2.large", 3, 12, 2, nitro: false);
        Add("t2.xlarge", 3, 15, 4, nitro: false);
        Add("t2.2xlarge", 3, 15, 8, nitro: false);
        Add("m4.large", 2, 10, 2, nitro: false);
        Add("m4.xlarge", 4, 15, 4, nitro: false);
        Add("m4.2xlarge", 4, 15, 8, nitro: false);
        Add("m4.4xlarge", 8, 30, 16, nitro: false);
        Add("m4.10xlarge", 8, 30, 40, nitro: false);
        Add("m4.16xlarge", 8, 30, 64, nitro: false);
        return table.ToFrozenDictionary(StringComparer.Ordinal);
    }
}

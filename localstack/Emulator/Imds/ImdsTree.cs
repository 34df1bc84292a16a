using System.Globalization;
using Cloudnet.Emulator.State;

namespace Cloudnet.Emulator.Imds;

/// <summary>
/// The metadata tree under /latest/meta-data/ built from an <see cref="ImdsView"/>: directories
/// list their entries one per line (subdirectories with a trailing slash), leaves hold values,
/// multi-valued leaves one per line.
/// </summary>
internal static class ImdsTree
{
    public static SortedDictionary<string, object> Build(ImdsView view, string region, string accountId)
    {
        var instance = view.Instance;
        var primary = view.NetworkInterfaces.FirstOrDefault(e => e.Attachment?.DeviceIndex == 0);
        var macs = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var eni in view.NetworkInterfaces)
        {
            macs[eni.MacAddress] = Interface(eni, view, accountId);
        }

        return Dir(
            ("ami-id", instance.ImageId),
            ("instance-id", instance.InstanceId),
            ("instance-type", instance.InstanceType),
            ("local-ipv4", primary?.PrivateIpAddress),
            ("local-hostname", primary is null ? null : Hostname(primary.PrivateIpAddress)),
            ("hostname", primary is null ? null : Hostname(primary.PrivateIpAddress)),
            ("mac", primary?.MacAddress),
            ("placement", Dir(("availability-zone", instance.AvailabilityZone), ("region", region))),
            ("services", Dir(("domain", "amazonaws.com"), ("partition", "aws"))),
            ("network", Dir(("interfaces", Dir(("macs", macs))))));
    }

    private static SortedDictionary<string, object> Interface(EniSnapshot eni, ImdsView view, string accountId) => Dir(
        ("device-number", eni.Attachment!.DeviceIndex.ToString(CultureInfo.InvariantCulture)),
        ("interface-id", eni.NetworkInterfaceId),
        ("mac", eni.MacAddress),
        ("owner-id", accountId),
        ("local-hostname", Hostname(eni.PrivateIpAddress)),
        ("local-ipv4s", Lines(eni.SecondaryPrivateIpAddresses.Prepend(eni.PrivateIpAddress))),
        ("ipv4-prefix", eni.Ipv4Prefixes.Count == 0 ? null : Lines(eni.Ipv4Prefixes)),
        ("security-group-ids", Lines(eni.SecurityGroupIds)),
        ("subnet-id", eni.SubnetId),
        ("subnet-ipv4-cidr-block", view.Subnets.FirstOrDefault(s => s.SubnetId == eni.SubnetId)?.CidrBlock),
        ("vpc-id", eni.VpcId),
        ("vpc-ipv4-cidr-block", view.VpcCidrBlock),
        ("vpc-ipv4-cidr-blocks", view.VpcCidrBlock));

    /// <summary>Resolves a path under meta-data/ to its text, or null when absent (404).</summary>
    public static string? Resolve(SortedDictionary<string, object> root, string path)
    {
        object node = root;
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not SortedDictionary<string, object> dir || !dir.TryGetValue(part, out var child))
            {
                return null;
            }

            node = child;
        }

        return node switch
        {
            SortedDictionary<string, object> dir => string.Join('\n', dir.Select(e => e.Value is SortedDictionary<string, object> ? e.Key + "/" : e.Key)),
            string text => text,
            _ => null,
        };
    }

    private static SortedDictionary<string, object> Dir(params (string Name, object? Value)[] entries)
    {
        var dir = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, value) in entries)
        {
            if (value is not null)
            {
                dir[name] = value;
            }
        }

        return dir;
    }

    private static string Lines(IEnumerable<string> values) => string.Join('\n', values);

    private static string Hostname(string ip) => "ip-" + ip.Replace('.', '-') + ".ec2.internal";
}

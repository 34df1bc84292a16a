using System.Globalization;

namespace Cloudnet.Emulator.State;

/// <summary>Secondary addresses and /28 prefixes: AssignPrivateIpAddresses and UnassignPrivateIpAddresses.</summary>
public sealed partial class Ec2State
{
    /// <summary>EC2 delegates IPv4 prefixes of exactly this length.</summary>
    public const int PrefixLength = 28;

    /// <summary>
    /// AssignPrivateIpAddresses: named addresses or a count, or named /28 prefixes or a count.
    /// All or nothing. Each address and each prefix takes one slot of the per-ENI limit of the
    /// instance type.
    /// </summary>
    public AssignResult AssignPrivateIpAddresses(string networkInterfaceId, AssignRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wantsIps = request.PrivateIpAddresses.Count > 0 || request.SecondaryPrivateIpAddressCount > 0;
        var wantsPrefixes = request.Ipv4Prefixes.Count > 0 || request.Ipv4PrefixCount > 0;
        if (wantsIps && wantsPrefixes)
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterCombination, "Addresses and prefixes cannot be assigned in the same request");
        }

        if ((request.PrivateIpAddresses.Count > 0 && request.SecondaryPrivateIpAddressCount > 0)
            || (request.Ipv4Prefixes.Count > 0 && request.Ipv4PrefixCount > 0))
        {
            throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterCombination, "Specify either a count or explicit values, not both");
        }

        if (!wantsIps && !wantsPrefixes)
        {
            throw new Ec2Exception(Ec2ErrorCodes.MissingParameter,
                "The request must contain PrivateIpAddress, SecondaryPrivateIpAddressCount, Ipv4Prefix or Ipv4PrefixCount");
        }

        lock (_gate)
        {
            Settle();
            var eni = FindEni(networkInterfaceId);
            var type = LimitsFor(eni.Subnet, eni.Attachment);
            var adding = request.PrivateIpAddresses.Count + request.SecondaryPrivateIpAddressCount + request.Ipv4Prefixes.Count + request.Ipv4PrefixCount;
            if (eni.UsedSlots + adding > type.Ipv4AddressesPerInterface)
            {
                throw new Ec2Exception(Ec2ErrorCodes.PrivateIpAddressLimitExceeded,
                    string.Create(CultureInfo.InvariantCulture,
                        $"Number of private addresses will exceed limit: {eni.Id} has {eni.UsedSlots}, asked for {adding} more, {type.Name} allows {type.Ipv4AddressesPerInterface}"));
            }

            var before = (eni.SecondaryIps.Count, eni.Prefixes.Count);
            AddAddresses(eni, request.PrivateIpAddresses, request.SecondaryPrivateIpAddressCount, request.Ipv4Prefixes, request.Ipv4PrefixCount);
            return new AssignResult(
                eni.Id,
                eni.SecondaryIps.Skip(before.Item1).Select(a => Ipv4.Format(a.Value)).ToList(),
                eni.Prefixes.Skip(before.Item2).Select(p => Ipv4.FormatCidr(p.Value, PrefixLength)).ToList());
        }
    }

    /// <summary>UnassignPrivateIpAddresses: secondary addresses and/or prefixes; every one must be on the ENI.</summary>
    public void UnassignPrivateIpAddresses(string networkInterfaceId, IReadOnlyList<string> privateIpAddresses, IReadOnlyList<string> ipv4Prefixes)
    {
        ArgumentNullException.ThrowIfNull(privateIpAddresses);
        ArgumentNullException.ThrowIfNull(ipv4Prefixes);
        if (privateIpAddresses.Count == 0 && ipv4Prefixes.Count == 0)
        {
            throw new Ec2Exception(Ec2ErrorCodes.MissingParameter, "The request must contain the parameter PrivateIpAddress or Ipv4Prefix");
        }

        lock (_gate)
        {
            Settle();
            var eni = FindEni(networkInterfaceId);
            var ips = privateIpAddresses.Select(a => ParseAddress(a)).ToList();
            if (ips.Contains(eni.PrimaryIp))
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"The primary address {Ipv4.Format(eni.PrimaryIp)} of {eni.Id} cannot be unassigned");
            }

            var prefixes = ipv4Prefixes.Select(ParsePrefix).ToList();
            var notHere = ips.Where(ip => !eni.SecondaryIps.Exists(a => a.Value == ip)).Select(Ipv4.Format)
                .Concat(prefixes.Where(p => !eni.Prefixes.Exists(a => a.Value == p)).Select(p => Ipv4.FormatCidr(p, PrefixLength)))
                .ToList();
            if (notHere.Count > 0)
            {
                throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue,
                    $"Some of the specified addresses are not assigned to interface {eni.Id}: {string.Join(", ", notHere)}");
            }

            eni.SecondaryIps.RemoveAll(a => ips.Contains(a.Value));
            eni.Prefixes.RemoveAll(p => prefixes.Contains(p.Value));
            ips.ForEach(eni.Subnet.Addresses.Release);
            prefixes.ForEach(p => eni.Subnet.Addresses.ReleasePrefix(p, PrefixLength));
        }
    }

    /// <summary>Takes the addresses and prefixes from the ENI's subnet; on any failure gives back what it took.</summary>
    private void AddAddresses(EniRecord eni, IReadOnlyList<string> ips, int ipCount, IReadOnlyList<string> prefixes, int prefixCount)
    {
        var subnet = eni.Subnet.Addresses;
        var now = _time.GetUtcNow();
        var takenIps = new List<uint>();
        var takenPrefixes = new List<uint>();
        try
        {
            foreach (var text in ips)
            {
                var ip = ParseAddress(text);
                if (!subnet.Contains(ip))
                {
                    throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Address {text} does not fall within the subnet's address range ({eni.Subnet.Cidr})");
                }

                takenIps.Add(subnet.TryTake(ip) ? ip : throw new Ec2Exception("InvalidIPAddress.InUse", $"Address {text} is in use in subnet {eni.Subnet.Id}"));
            }

            if (ipCount > subnet.FreeCount)
            {
                throw InsufficientAddresses(eni.Subnet);
            }

            for (var i = 0; i < ipCount; i++)
            {
                takenIps.Add(subnet.TakeAny(_random)!.Value);
            }

            foreach (var text in prefixes)
            {
                var start = ParsePrefix(text);
                takenPrefixes.Add(subnet.TryTakePrefix(start, PrefixLength) ? start
                    : throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Prefix {text} is not free in subnet {eni.Subnet.Id} ({eni.Subnet.Cidr})"));
            }

            for (var i = 0; i < prefixCount; i++)
            {
                takenPrefixes.Add(subnet.TakePrefix(_random, PrefixLength) ?? throw new Ec2Exception(Ec2ErrorCodes.InsufficientCidrBlocks,
                    $"There are not enough free cidr blocks in the specified subnet {eni.Subnet.Id} ({eni.Subnet.Cidr}) to satisfy the request."));
            }
        }
        catch (Ec2Exception)
        {
            takenIps.ForEach(subnet.Release);
            takenPrefixes.ForEach(p => subnet.ReleasePrefix(p, PrefixLength));
            throw;
        }

        eni.SecondaryIps.AddRange(takenIps.Select(ip => new TimedValue(ip, now)));
        eni.Prefixes.AddRange(takenPrefixes.Select(p => new TimedValue(p, now)));
    }

    private static uint ParseAddress(string text) =>
        Ipv4.TryParse(text, out var ip) ? ip
        : throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Invalid IPv4 address: {text}");

    private static uint ParsePrefix(string text) =>
        Ipv4.TryParseCidr(text, out var start, out var length) && length == PrefixLength
            && text.StartsWith(Ipv4.Format(start) + "/", StringComparison.Ordinal)
            ? start
            : throw new Ec2Exception(Ec2ErrorCodes.InvalidParameterValue, $"Invalid IPv4 prefix: {text} (expecting an aligned /28)");
}

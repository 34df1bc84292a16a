using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Amazon.EC2.Model;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;
using Cloudnet.Providers.Aws.Ec2;
using Cloudnet.Providers.Aws.Imds;

namespace Cloudnet.Providers.Aws;

public sealed partial class Ec2CloudProvider
{
    private readonly ConcurrentDictionary<string, Cidr> _subnetCidrs = new(StringComparer.Ordinal);
    private (ImmutableArray<Cidr> Cidrs, DateTimeOffset Expires)? _vpcCidrs;

    /// <inheritdoc />
    public async Task<NodeDescription> DescribeAsync(CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var limits = await context.Limits.GetAsync(context.Identity.InstanceType, cancellationToken).ConfigureAwait(false);
        if (context.Ec2 is null)
        {
            return await DescribeFromImdsAsync(context, limits, cancellationToken).ConfigureAwait(false);
        }

        if (await ReuseViewAsync(cancellationToken).ConfigureAwait(false) is { } reused)
        {
            Interlocked.Increment(ref _describesFromView);
            // The view may predate EC2's instance-type limits replacing the built-in table's.
            var poolLimits = limits.ToPoolLimits(_options.PrefixDelegation);
            return reused.Node.Limits == poolLimits ? reused.Node : reused.Node with { Limits = poolLimits };
        }

        var changesBefore = ChangesSoFar;
        var enis = await DescribeAttachedAsync(context, context.Ec2, cancellationToken).ConfigureAwait(false);
        await CacheSubnetsAsync(context.Ec2, enis.Select(e => ((string?)e.SubnetId, (string?)e.MacAddress)), cancellationToken).ConfigureAwait(false);
        var vpcCidrs = await VpcCidrsAsync(context, context.Ec2, enis, cancellationToken).ConfigureAwait(false);
        var interfaces = enis.Select(ToPoolInterface).OrderBy(i => i.DeviceIndex).ToImmutableArray();
        var node = new NodeDescription
        {
            NodeId = context.Identity.InstanceId,
            InstanceType = context.Identity.InstanceType,
            Interfaces = interfaces,
            VpcCidrs = vpcCidrs,
            Limits = limits.ToPoolLimits(_options.PrefixDelegation),
        };
        foreach (var eni in enis)
        {
            if (eni.Attachment?.AttachmentId is { } attachmentId)
            {
                _attachments[eni.NetworkInterfaceId] = attachmentId;
            }
        }

        Remember(node, changesBefore, PrimaryOf(enis));
        return node;
    }

    private static PrimaryNetwork? PrimaryOf(List<NetworkInterface> attached) =>
        attached.FirstOrDefault(e => e.Attachment?.DeviceIndex == 0) is { } primary
            ? new PrimaryNetwork(primary.SubnetId, [.. (primary.Groups ?? []).Select(g => g.GroupId)])
            : null;

    /// <summary>ENIs attached (or attaching) to the instance, from EC2; detaching ones are left out.</summary>
    private static async Task<List<NetworkInterface>> DescribeAttachedAsync(NodeContext context, Ec2Caller ec2, CancellationToken cancellationToken)
    {
        var instanceId = context.Identity.InstanceId;
        var all = await DescribeInterfacesAsync(
            ec2,
            "instance " + instanceId,
            [new Filter { Name = "attachment.instance-id", Values = [instanceId] }],
            cancellationToken).ConfigureAwait(false);
        return [.. all.Where(e => e.Attachment?.InstanceId == instanceId
            && e.Attachment.Status?.Value is null or "attached" or "attaching")];
    }

    /// <summary>DescribeNetworkInterfaces with <paramref name="filters"/>, following NextToken.</summary>
    private static async Task<List<NetworkInterface>> DescribeInterfacesAsync(
        Ec2Caller ec2, string subject, List<Filter> filters, CancellationToken cancellationToken, List<string>? ids = null)
    {
        var result = new List<NetworkInterface>();
        string? next = null;
        do
        {
            var request = new DescribeNetworkInterfacesRequest { Filters = filters, NextToken = next };
            if (ids is not null)
            {
                request.NetworkInterfaceIds = ids;
            }
            else
            {
                request.MaxResults = 1000;
            }

            var response = await ec2.CallAsync(
                "DescribeNetworkInterfaces", subject, (client, ct) => client.DescribeNetworkInterfacesAsync(request, ct), cancellationToken).ConfigureAwait(false);
            result.AddRange(response.NetworkInterfaces ?? []);
            next = string.IsNullOrEmpty(response.NextToken) ? null : response.NextToken;
        }
        while (next is not null);
        return result;
    }

    /// <summary>
    /// Caches the CIDR of each subnet not yet known. IMDS lists the subnet of every ENI it describes
    /// (subnet-id, subnet-ipv4-cidr-block under the ENI's MAC), which costs no EC2 call, so at boot
    /// the primary ENI's subnet never needs DescribeSubnets; a subnet IMDS does not describe (custom
    /// networking's, or a new ENI IMDS has not caught up with) is asked of EC2.
    /// </summary>
    private async Task CacheSubnetsAsync(Ec2Caller ec2, IEnumerable<(string? SubnetId, string? Mac)> subnets, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        foreach (var group in subnets.Where(s => s.SubnetId is not null && !_subnetCidrs.ContainsKey(s.SubnetId)).GroupBy(s => s.SubnetId!, StringComparer.Ordinal))
        {
            if (!await CacheSubnetFromImdsAsync(group.Key, group.Select(s => s.Mac).OfType<string>(), cancellationToken).ConfigureAwait(false))
            {
                missing.Add(group.Key);
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var response = await ec2.CallAsync(
            "DescribeSubnets",
            "subnets " + string.Join(",", missing),
            (client, ct) => client.DescribeSubnetsAsync(new DescribeSubnetsRequest { SubnetIds = missing }, ct),
            cancellationToken).ConfigureAwait(false);
        foreach (var subnet in response.Subnets ?? [])
        {
            if (subnet.SubnetId is not null && Cidr.TryParse(subnet.CidrBlock, out var cidr))
            {
                _subnetCidrs[subnet.SubnetId] = cidr;
            }
        }
    }

    private async Task<bool> CacheSubnetFromImdsAsync(string subnetId, IEnumerable<string> macs, CancellationToken cancellationToken)
    {
        if (_imds is null)
        {
            return false;
        }

        foreach (var mac in macs)
        {
            try
            {
                // The MAC is the ENI's, so IMDS names the same ENI; its subnet id must match EC2's.
                if (await _imds.ReadSubnetAsync(mac, cancellationToken).ConfigureAwait(false) is (var id, { } cidr)
                    && string.Equals(id, subnetId, StringComparison.Ordinal))
                {
                    _subnetCidrs[subnetId] = cidr;
                    return true;
                }
            }
            catch (Exception e) when (e is CloudProviderException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false; // IMDS unavailable: EC2 answers instead
            }
        }

        return false;
    }

    private async Task<ImmutableArray<Cidr>> VpcCidrsAsync(NodeContext context, Ec2Caller ec2, List<NetworkInterface> enis, CancellationToken cancellationToken)
    {
        // IMDS's VPC CIDRs cost no EC2 call; it lags on a new secondary block, which is harmless.
        if (_imds is not null && context.Identity.PrimaryMac is { } mac)
        {
            var fromImds = await _imds.ReadVpcCidrsAsync(mac, cancellationToken).ConfigureAwait(false);
            if (!fromImds.IsEmpty)
            {
                return fromImds;
            }
        }

        if (_vpcCidrs is { } cached && cached.Expires > _time.GetUtcNow())
        {
            return cached.Cidrs;
        }

        var vpcId = enis.OrderBy(e => e.Attachment?.DeviceIndex ?? 0).Select(e => e.VpcId).FirstOrDefault(v => v is not null);
        if (vpcId is null)
        {
            return [];
        }

        var response = await ec2.CallAsync(
            "DescribeVpcs", "vpc " + vpcId, (client, ct) => client.DescribeVpcsAsync(new DescribeVpcsRequest { VpcIds = [vpcId] }, ct), cancellationToken).ConfigureAwait(false);
        var vpc = response.Vpcs?.FirstOrDefault();
        var blocks = (vpc?.CidrBlockAssociationSet ?? [])
            .Where(a => a.CidrBlockState?.State?.Value is null or "associated")
            .Select(a => a.CidrBlock)
            .Append(vpc?.CidrBlock)
            .Select(c => Cidr.TryParse(c, out var cidr) ? cidr : (Cidr?)null)
            .OfType<Cidr>()
            .Distinct()
            .ToImmutableArray();
        _vpcCidrs = (blocks, _time.GetUtcNow() + _options.VpcCidrCacheTtl);
        return blocks;
    }

    private PoolInterface ToPoolInterface(NetworkInterface eni)
    {
        var device = eni.Attachment?.DeviceIndex ?? 0;
        Cidr? subnet = eni.SubnetId is not null && _subnetCidrs.TryGetValue(eni.SubnetId, out var s) ? s : null;
        var createdTag = eni.TagSet?.FirstOrDefault(t => t.Key == EniTags.CreatedAt)?.Value;
        return new PoolInterface
        {
            Id = eni.NetworkInterfaceId,
            Kind = InterfaceKind.Eni,
            DeviceIndex = device,
            IsPrimary = device == 0,
            MacAddress = eni.MacAddress?.ToLowerInvariant(),
            PrimaryAddress = ParseAddress(eni.PrivateIpAddress),
            Subnet = subnet,
            Gateway = subnet is { } sn ? Gateway(sn) : null,
            RouteTable = RouteTables.ForDevice(device),
            Addresses = [.. (eni.PrivateIpAddresses ?? []).Where(p => p.Primary != true).Select(p => ParseAddress(p.PrivateIpAddress)).OfType<IPAddress>()],
            Prefixes = [.. (eni.Ipv4Prefixes ?? []).Select(p => Cidr.TryParse(p.Ipv4Prefix, out var c) ? c : (Cidr?)null).OfType<Cidr>()],
            ExcludedFromPods = device == 0 && _options.CustomNetworking,
            CreatedAt = DateTimeOffset.TryParse(createdTag, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var created) ? created : null,
        };
    }

    private async Task<NodeDescription> DescribeFromImdsAsync(NodeContext context, Limits.InstanceTypeLimits limits, CancellationToken cancellationToken)
    {
        var imdsInterfaces = await _imds!.ReadInterfacesAsync(cancellationToken).ConfigureAwait(false);
        var interfaces = imdsInterfaces.Select(i => ToPoolInterface(i)).ToImmutableArray();
        var vpc = imdsInterfaces.FirstOrDefault(i => i.DeviceNumber == 0)?.VpcCidrs ?? [];
        return new NodeDescription
        {
            NodeId = context.Identity.InstanceId,
            InstanceType = context.Identity.InstanceType,
            Interfaces = interfaces,
            VpcCidrs = vpc,
            Limits = limits.ToPoolLimits(_options.PrefixDelegation),
        };
    }

    private PoolInterface ToPoolInterface(ImdsInterface eni) => new()
    {
        Id = eni.InterfaceId,
        Kind = InterfaceKind.Eni,
        DeviceIndex = eni.DeviceNumber,
        IsPrimary = eni.DeviceNumber == 0,
        MacAddress = eni.Mac,
        PrimaryAddress = eni.LocalIPv4s.FirstOrDefault(),
        Subnet = eni.SubnetCidr,
        Gateway = eni.SubnetCidr is { } subnet ? Gateway(subnet) : null,
        RouteTable = RouteTables.ForDevice(eni.DeviceNumber),
        Addresses = eni.LocalIPv4s.IsEmpty ? [] : eni.LocalIPv4s.RemoveAt(0),
        Prefixes = eni.IPv4Prefixes,
        ExcludedFromPods = eni.DeviceNumber == 0 && _options.CustomNetworking,
    };

    /// <summary>The VPC router: the subnet's network address + 1 (EC2 reserves it in every subnet).</summary>
    internal static IPAddress Gateway(Cidr subnet) => subnet.AddressAt(1);

    private static IPAddress? ParseAddress(string? text) => IPAddress.TryParse(text, out var ip) ? ip : null;
}

using System.Collections.Immutable;
using System.Net;
using Cloudnet.Ipam.Addressing;

namespace Cloudnet.Providers.Aws.Imds;

/// <summary>One ENI as IMDS lists it under network/interfaces/macs/&lt;mac&gt;/. IMDS lags EC2 by
/// seconds, so this is used for identity and IMDS-only mode, never to contradict EC2.</summary>
public sealed record ImdsInterface
{
    /// <summary>Lower-case MAC, "0a:1b:…".</summary>
    public required string Mac { get; init; }

    /// <summary>"eni-…".</summary>
    public required string InterfaceId { get; init; }

    /// <summary>Device number (0 = primary).</summary>
    public int DeviceNumber { get; init; }

    /// <summary>"subnet-…".</summary>
    public string? SubnetId { get; init; }

    /// <summary>The subnet's IPv4 CIDR.</summary>
    public Cidr? SubnetCidr { get; init; }

    /// <summary>The VPC's IPv4 CIDRs (primary and secondary blocks).</summary>
    public ImmutableArray<Cidr> VpcCidrs { get; init; } = [];

    /// <summary>Security group ids.</summary>
    public ImmutableArray<string> SecurityGroupIds { get; init; } = [];

    /// <summary>Private IPv4 addresses; the first is the ENI's primary address.</summary>
    public ImmutableArray<IPAddress> LocalIPv4s { get; init; } = [];

    /// <summary>Delegated IPv4 prefixes.</summary>
    public ImmutableArray<Cidr> IPv4Prefixes { get; init; } = [];
}

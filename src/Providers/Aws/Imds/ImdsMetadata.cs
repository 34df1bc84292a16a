using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;

namespace Cloudnet.Providers.Aws.Imds;

/// <summary>Typed reads of the IMDS paths the provider needs (instance identity and ENIs).</summary>
public sealed class ImdsMetadata
{
    private readonly ImdsClient _client;

    /// <summary>Wraps <paramref name="client"/>.</summary>
    public ImdsMetadata(ImdsClient client) => _client = client;

    /// <summary>Instance id, type, region, zone and primary MAC.</summary>
    public async Task<ImdsIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var instanceId = await _client.GetRequiredAsync("meta-data/instance-id", cancellationToken).ConfigureAwait(false);
        var instanceType = await _client.GetRequiredAsync("meta-data/instance-type", cancellationToken).ConfigureAwait(false);
        var zone = await _client.GetAsync("meta-data/placement/availability-zone", cancellationToken).ConfigureAwait(false);
        var region = await _client.GetAsync("meta-data/placement/region", cancellationToken).ConfigureAwait(false)
            ?? RegionOfZone(zone)
            ?? throw new CloudProviderException(CloudErrorKind.NotFound, "IMDS GET meta-data/placement/region", "IMDS gives neither region nor zone");
        var mac = await _client.GetAsync("meta-data/mac", cancellationToken).ConfigureAwait(false);
        return new ImdsIdentity(instanceId, instanceType, region, zone, mac?.ToLowerInvariant());
    }

    /// <summary>Every ENI IMDS lists, ordered by device number.</summary>
    public async Task<IReadOnlyList<ImdsInterface>> ReadInterfacesAsync(CancellationToken cancellationToken)
    {
        var macs = await _client.GetRequiredAsync("meta-data/network/interfaces/macs/", cancellationToken).ConfigureAwait(false);
        var result = new List<ImdsInterface>();
        foreach (var line in Lines(macs))
        {
            result.Add(await ReadInterfaceAsync(line.TrimEnd('/').ToLowerInvariant(), cancellationToken).ConfigureAwait(false));
        }

        return [.. result.OrderBy(i => i.DeviceNumber)];
    }

    /// <summary>The VPC CIDRs as IMDS lists them for <paramref name="mac"/>; empty when it has none.</summary>
    public async Task<ImmutableArray<Cidr>> ReadVpcCidrsAsync(string mac, CancellationToken cancellationToken)
    {
        var text = await _client.GetAsync($"meta-data/network/interfaces/macs/{mac}/vpc-ipv4-cidr-blocks", cancellationToken).ConfigureAwait(false);
        return ParseCidrs(text);
    }

    /// <summary>The subnet id and IPv4 CIDR IMDS lists for the ENI with <paramref name="mac"/>; nulls when
    /// IMDS does not (yet) describe that ENI (404).</summary>
    public async Task<(string? SubnetId, Cidr? Cidr)> ReadSubnetAsync(string mac, CancellationToken cancellationToken)
    {
        var root = $"meta-data/network/interfaces/macs/{mac.ToLowerInvariant()}/";
        var id = await _client.GetAsync(root + "subnet-id", cancellationToken).ConfigureAwait(false);
        var text = id is null ? null : await _client.GetAsync(root + "subnet-ipv4-cidr-block", cancellationToken).ConfigureAwait(false);
        return (id, Cidr.TryParse(text, out var cidr) ? cidr : null);
    }

    private async Task<ImdsInterface> ReadInterfaceAsync(string mac, CancellationToken cancellationToken)
    {
        var root = $"meta-data/network/interfaces/macs/{mac}/";
        async Task<string?> Get(string leaf) => await _client.GetAsync(root + leaf, cancellationToken).ConfigureAwait(false);

        var id = await Get("interface-id").ConfigureAwait(false)
            ?? throw new CloudProviderException(CloudErrorKind.NotFound, "IMDS GET " + root + "interface-id", $"no interface id for MAC {mac}");
        var device = await Get("device-number").ConfigureAwait(false);
        var subnetCidr = await Get("subnet-ipv4-cidr-block").ConfigureAwait(false);
        return new ImdsInterface
        {
            Mac = mac,
            InterfaceId = id,
            DeviceNumber = int.TryParse(device, NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0,
            SubnetId = await Get("subnet-id").ConfigureAwait(false),
            SubnetCidr = Cidr.TryParse(subnetCidr, out var subnet) ? subnet : null,
            VpcCidrs = ParseCidrs(await Get("vpc-ipv4-cidr-blocks").ConfigureAwait(false)),
            SecurityGroupIds = [.. Lines(await Get("security-group-ids").ConfigureAwait(false))],
            LocalIPv4s = [.. Lines(await Get("local-ipv4s").ConfigureAwait(false))
                .Select(a => IPAddress.TryParse(a, out var ip) ? ip : null).OfType<IPAddress>()],
            IPv4Prefixes = ParseCidrs(await Get("ipv4-prefix").ConfigureAwait(false)),
        };
    }

    private static ImmutableArray<Cidr> ParseCidrs(string? text) =>
        [.. Lines(text).Select(c => Cidr.TryParse(c, out var cidr) ? cidr : (Cidr?)null).OfType<Cidr>()];

    private static string[] Lines(string? text) =>
        (text ?? string.Empty).Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // "us-east-1a" → "us-east-1"; local zones ("us-west-2-lax-1a") also end in one letter.
    private static string? RegionOfZone(string? zone) =>
        zone is { Length: > 1 } && char.IsLetter(zone[^1]) ? zone[..^1] : null;
}

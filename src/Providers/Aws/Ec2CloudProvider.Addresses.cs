using System.Net;
using Amazon.EC2.Model;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipam.Pool;

namespace Cloudnet.Providers.Aws;

public sealed partial class Ec2CloudProvider
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<IPAddress>> AssignAddressesAsync(string interfaceId, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceId);
        if (count <= 0)
        {
            return [];
        }

        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var ec2 = RequireEc2(context, "AssignPrivateIpAddresses", "ENI " + interfaceId);
        using var change = NoteChange();
        var response = await ec2.CallAsync(
            "AssignPrivateIpAddresses",
            $"ENI {interfaceId} ({count} addresses)",
            (client, ct) => client.AssignPrivateIpAddressesAsync(
                new AssignPrivateIpAddressesRequest { NetworkInterfaceId = interfaceId, SecondaryPrivateIpAddressCount = count }, ct),
            cancellationToken).ConfigureAwait(false);
        var assigned = (response.AssignedPrivateIpAddresses ?? [])
            .Select(a => ParseAddress(a.PrivateIpAddress))
            .OfType<IPAddress>()
            .ToList();
        change.Complete(WithAddresses(interfaceId, assigned, []));
        LogAssigned(_logger, assigned.Count, "addresses", interfaceId);
        return assigned;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Cidr>> AssignPrefixesAsync(string interfaceId, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceId);
        if (count <= 0)
        {
            return [];
        }

        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var ec2 = RequireEc2(context, "AssignPrivateIpAddresses", "ENI " + interfaceId);
        using var change = NoteChange();
        try
        {
            // EC2 has no separate prefix action: AssignPrivateIpAddresses with Ipv4PrefixCount.
            var response = await ec2.CallAsync(
                "AssignPrivateIpAddresses",
                $"ENI {interfaceId} ({count} /28 prefixes)",
                (client, ct) => client.AssignPrivateIpAddressesAsync(
                    new AssignPrivateIpAddressesRequest { NetworkInterfaceId = interfaceId, Ipv4PrefixCount = count }, ct),
                cancellationToken).ConfigureAwait(false);
            var assigned = (response.AssignedIpv4Prefixes ?? [])
                .Select(p => Cidr.TryParse(p.Ipv4Prefix, out var cidr) ? cidr : (Cidr?)null)
                .OfType<Cidr>()
                .ToList();
            change.Complete(WithPrefixes(interfaceId, assigned, []));
            LogAssigned(_logger, assigned.Count, "prefixes", interfaceId);
            return assigned;
        }
        catch (CloudProviderException ex) when (ex.Kind == CloudErrorKind.InsufficientCidrBlocks)
        {
            // The subnet has free addresses but no free aligned /28; the reconciler falls back to /32s.
            Metrics.PrefixFallback();
            LogInsufficientCidrBlocks(_logger, interfaceId, count);
            throw;
        }
    }

    /// <inheritdoc />
    public Task ReleaseAddressesAsync(string interfaceId, IReadOnlyList<IPAddress> addresses, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceId);
        ArgumentNullException.ThrowIfNull(addresses);
        return UnassignAsync(interfaceId, "addresses", [.. addresses.Select(a => a.ToString())], prefixes: false, WithAddresses(interfaceId, [], addresses), cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleasePrefixesAsync(string interfaceId, IReadOnlyList<Cidr> prefixes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(interfaceId);
        ArgumentNullException.ThrowIfNull(prefixes);
        return UnassignAsync(interfaceId, "prefixes", [.. prefixes.Select(p => p.ToString())], prefixes: true, WithPrefixes(interfaceId, [], prefixes), cancellationToken);
    }

    /// <summary>UnassignPrivateIpAddresses of secondary addresses or /28 prefixes (one action serves both).</summary>
    private async Task UnassignAsync(
        string interfaceId, string what, List<string> list, bool prefixes, Func<NodeDescription, NodeDescription?> fold, CancellationToken cancellationToken)
    {
        if (list.Count == 0)
        {
            return;
        }

        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var ec2 = RequireEc2(context, "UnassignPrivateIpAddresses", "ENI " + interfaceId);
        using var change = NoteChange();
        var request = prefixes
            ? new UnassignPrivateIpAddressesRequest { NetworkInterfaceId = interfaceId, Ipv4Prefixes = list }
            : new UnassignPrivateIpAddressesRequest { NetworkInterfaceId = interfaceId, PrivateIpAddresses = list };
        await ec2.CallAsync(
            "UnassignPrivateIpAddresses",
            $"ENI {interfaceId} {what} {string.Join(",", list)}",
            (client, ct) => client.UnassignPrivateIpAddressesAsync(request, ct),
            cancellationToken).ConfigureAwait(false);
        change.Complete(fold);
        LogReleased(_logger, list.Count, what, interfaceId);
    }
}

using System.Net;
using Cloudnet.Ipam.Addressing;
using Cloudnet.Providers.BareMetal.Blocks;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Providers.BareMetal.Kubernetes;

/// <summary>
/// Block claims as IPAMBlock objects. Creating the object named after the block is the claim: the API
/// server's create is atomic, so of two nodes creating the same name one gets 409 AlreadyExists. A
/// release deletes the object with uid and resourceVersion preconditions, and only after checking the
/// owner, so a node never deletes a block another node holds.
/// </summary>
public sealed partial class KubernetesBlockStore(IKubernetes client, BlockPool pool, ILogger<KubernetesBlockStore> logger) : IBlockStore
{
    private const string G = IpamBlockResource.Group;
    private const string V = IpamBlockResource.Version;
    private const string P = IpamBlockResource.Plural;

    /// <inheritdoc />
    public Task<IEnumerable<Cidr>> CandidatesAsync(string node, CancellationToken cancellationToken) =>
        Task.FromResult(pool.Candidates(node));

    /// <inheritdoc />
    public async Task<IReadOnlyList<BlockClaim>> ListAsync(CancellationToken cancellationToken)
    {
        IpamBlockList list;
        try
        {
            list = await client.CustomObjects.ListClusterCustomObjectAsync<IpamBlockList>(G, V, P, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.IsApiFailure(e))
        {
            throw KubeErrors.Translate(e, "ListBlocks", $"list {P}.{G}");
        }

        var claims = new List<BlockClaim>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (ToClaim(item) is { } claim)
            {
                claims.Add(claim);
            }
            else
            {
                LogBadObject(item.Metadata?.Name ?? "?", item.Spec?.Cidr ?? "");
            }
        }

        return claims;
    }

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(Cidr block, string node, CancellationToken cancellationToken)
    {
        var name = BlockNames.Of(block);
        var body = new IpamBlockResource
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new IpamBlockSpec { Cidr = block.ToString(), Node = node },
        };
        try
        {
            await client.CustomObjects.CreateClusterCustomObjectAsync<IpamBlockResource>(body, G, V, P, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (KubeErrors.Is(e, HttpStatusCode.Conflict))
        {
            // Held already: ours (a retried create whose reply was lost) or another node's.
            var existing = await GetAsync(name, cancellationToken).ConfigureAwait(false);
            return existing?.Spec?.Node == node;
        }
        catch (Exception e) when (KubeErrors.IsApiFailure(e))
        {
            throw KubeErrors.Translate(e, "ClaimBlock", $"create {P}.{G} {name} for node {node}");
        }
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(Cidr block, string node, CancellationToken cancellationToken)
    {
        var name = BlockNames.Of(block);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await GetAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return;
            }

            if (existing.Spec?.Node != node)
            {
                LogNotOwner(name, node, existing.Spec?.Node ?? "");
                return;
            }

            var preconditions = new V1DeleteOptions
            {
                Preconditions = new V1Preconditions { Uid = existing.Metadata.Uid, ResourceVersion = existing.Metadata.ResourceVersion },
            };
            try
            {
                await client.CustomObjects.DeleteClusterCustomObjectAsync(G, V, P, name, preconditions, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (KubeErrors.Is(e, HttpStatusCode.NotFound))
            {
                return;
            }
            catch (Exception e) when (KubeErrors.Is(e, HttpStatusCode.Conflict))
            {
                // Changed between our read and the delete: read again and re-check the owner.
            }
            catch (Exception e) when (KubeErrors.IsApiFailure(e))
            {
                throw KubeErrors.Translate(e, "ReleaseBlock", $"delete {P}.{G} {name} of node {node}");
            }
        }

        throw new Ipam.Cloud.CloudProviderException(Ipam.Cloud.CloudErrorKind.Transient, "ReleaseBlock",
            $"delete {P}.{G} {name} of node {node}: the object kept changing under us");
    }

    /// <summary>The claim an object records, or null when it is malformed.</summary>
    public static BlockClaim? ToClaim(IpamBlockResource item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Spec is { } spec && Cidr.TryParse(spec.Cidr, out var block) && !string.IsNullOrEmpty(spec.Node)
               && item.Metadata?.Name == BlockNames.Of(block)
            ? new BlockClaim(block, spec.Node, item.Metadata.CreationTimestamp is { } t ? new DateTimeOffset(t, TimeSpan.Zero) : null)
            : null;
    }

    private async Task<IpamBlockResource?> GetAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CustomObjects.GetClusterCustomObjectAsync<IpamBlockResource>(G, V, P, name, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubeErrors.Is(e, HttpStatusCode.NotFound))
        {
            return null;
        }
        catch (Exception e) when (KubeErrors.IsApiFailure(e))
        {
            throw KubeErrors.Translate(e, "GetBlock", $"get {P}.{G} {name}");
        }
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Warning, Message = "Ignoring IPAMBlock {Name} with cidr '{Cidr}': the name does not match the block or the owner is missing")]
    private partial void LogBadObject(string name, string cidr);

    [LoggerMessage(EventId = 6021, Level = LogLevel.Warning, Message = "Not releasing block {Name} for node {Node}: it is held by {Owner}")]
    private partial void LogNotOwner(string name, string node, string owner);
}

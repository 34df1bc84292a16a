using Cloudnet.Ipamd.Options;
using Cloudnet.Providers.BareMetal;
using Microsoft.Extensions.Configuration;

namespace Cloudnet.Ipamd.Bgp;

/// <summary>Binds the CLOUDNET_BAREMETAL_* variables (documented on <see cref="BareMetalOptions"/>) and parses them.</summary>
internal static class BareMetalOptionsBinder
{
    /// <summary>Reads and checks the options; every problem is returned, each naming its variable.</summary>
    public static (BareMetalSettings? Settings, IReadOnlyList<string> Errors) Read(IConfiguration configuration)
    {
        var p = new ValueParser(configuration);
        var d = new BareMetalOptions();
        var options = new BareMetalOptions
        {
            NodeName = p.Text("CLOUDNET_BAREMETAL_NODE_NAME") ?? d.NodeName,
            NodeAddress = p.Text("CLOUDNET_BAREMETAL_NODE_ADDRESS") ?? d.NodeAddress,
            ClaimMode = Enum<BlockClaimMode>(p, "CLOUDNET_BAREMETAL_CLAIM_MODE", d.ClaimMode),
            PoolCidrs = p.Text("CLOUDNET_BAREMETAL_POOL_CIDRS") ?? d.PoolCidrs,
            Blocks = p.Text("CLOUDNET_BAREMETAL_BLOCKS") ?? d.Blocks,
            BlockPrefixLengthV4 = p.Int("CLOUDNET_BAREMETAL_BLOCK_SIZE_V4", d.BlockPrefixLengthV4, 20, 32),
            BlockPrefixLengthV6 = p.Int("CLOUDNET_BAREMETAL_BLOCK_SIZE_V6", d.BlockPrefixLengthV6, 116, 128),
            MaxBlocks = p.Int("CLOUDNET_BAREMETAL_MAX_BLOCKS", d.MaxBlocks, 1, 1024),
            ReleaseGracePeriod = p.Duration("CLOUDNET_BAREMETAL_RELEASE_GRACE", d.ReleaseGracePeriod, TimeSpan.FromDays(1)),
            KubeApiServer = p.Text("CLOUDNET_BAREMETAL_KUBE_API") ?? d.KubeApiServer,
            Kubeconfig = p.Text("CLOUDNET_BAREMETAL_KUBECONFIG") ?? d.Kubeconfig,
            Routing = Enum<RoutingMode>(p, "CLOUDNET_BAREMETAL_ROUTING", d.Routing),
            LocalAs = p.Text("CLOUDNET_BAREMETAL_BGP_AS") is { } asText && long.TryParse(asText, System.Globalization.CultureInfo.InvariantCulture, out var asn) ? asn
                : p.Text("CLOUDNET_BAREMETAL_BGP_AS") is null ? d.LocalAs : 0,
            RouterId = p.Text("CLOUDNET_BAREMETAL_BGP_ROUTER_ID") ?? d.RouterId,
            BgpPeers = p.Text("CLOUDNET_BAREMETAL_BGP_PEERS") ?? d.BgpPeers,
            BgpMesh = p.Bool("CLOUDNET_BAREMETAL_BGP_MESH", d.BgpMesh),
            BirdConfigPath = p.Text("CLOUDNET_BAREMETAL_BIRD_CONFIG") ?? d.BirdConfigPath,
            BirdSocketPath = p.Text("CLOUDNET_BAREMETAL_BIRD_SOCKET") ?? d.BirdSocketPath,
            BgpStatusInterval = p.Duration("CLOUDNET_BAREMETAL_BGP_STATUS_INTERVAL", d.BgpStatusInterval, TimeSpan.FromHours(1)),
            StaticRoutes = p.Text("CLOUDNET_BAREMETAL_STATIC_ROUTES") ?? d.StaticRoutes,
        };
        var errors = new List<string>(p.Errors);
        if (!BareMetalSettingsParser.TryParse(options, out var settings, out var problems))
        {
            errors.AddRange(problems.Where(e => !errors.Any(x => x.StartsWith(e.Split(':')[0], StringComparison.Ordinal))));
        }

        return (errors.Count == 0 ? settings : null, errors);
    }

    private static T Enum<T>(ValueParser p, string name, T fallback)
        where T : struct, Enum
    {
        var text = p.Text(name);
        if (text is null)
        {
            return fallback;
        }

        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsDigit(text[0]))
        {
            return value;
        }

        p.Error(name, $"'{text}' is not one of {string.Join(", ", System.Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}");
        return fallback;
    }
}

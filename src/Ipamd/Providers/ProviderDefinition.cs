using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Cloudnet.Ipamd.Options;

namespace Cloudnet.Ipamd.Providers;

/// <summary>
/// How one CLOUDNET_PROVIDER value becomes services: an <see cref="Ipam.Cloud.ICloudProvider"/>
/// and an <see cref="Node.INodeNetwork"/> (both required), plus anything else the provider needs
/// (hosted services such as a leak sweep, <see cref="Introspection.IntrospectionEndpoint"/>s, metrics).
/// </summary>
public sealed record ProviderDefinition
{
    /// <summary>The CLOUDNET_PROVIDER value, lower case: "local", "aws", "baremetal".</summary>
    public required string Name { get; init; }

    /// <summary>One line for `/v1/config` and the unknown-provider error.</summary>
    public string Description { get; init; } = "";

    /// <summary>MTU handed to pods when CLOUDNET_MTU is not set.</summary>
    public int DefaultMtu { get; init; } = 1500;

    /// <summary>Problems with the provider's own configuration, each "VARIABLE: what is wrong".
    /// Called before anything is started; the daemon refuses to start when any is returned.</summary>
    public Func<DaemonOptions, IConfiguration, IEnumerable<string>> Validate { get; init; } = static (_, _) => [];

    /// <summary>The node's max pods as the provider computes them, shown at `/v1/config` (AWS: from the
    /// instance type's ENI and address limits for the mode); null when the provider has no such
    /// number or cannot compute it now. Default: null.</summary>
    public Func<IServiceProvider, CancellationToken, Task<int?>> MaxPods { get; init; } = static (_, _) => Task.FromResult<int?>(null);

    /// <summary>Registers the provider's services; must register ICloudProvider and INodeNetwork.</summary>
    public required Action<ProviderServices> Register { get; init; }
}

/// <summary>What a provider's <see cref="ProviderDefinition.Register"/> gets to work with.</summary>
/// <param name="Services">The daemon's service collection; TimeProvider, logging and the metrics registry are in it.</param>
/// <param name="Options">The validated daemon options.</param>
/// <param name="Configuration">The whole configuration, for the provider's own variables.</param>
public sealed record ProviderServices(IServiceCollection Services, DaemonOptions Options, IConfiguration Configuration);

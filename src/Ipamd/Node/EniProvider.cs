using Cloudnet.Dataplane.Netlink;
using Cloudnet.Dataplane.Nftables;
using Cloudnet.Dataplane.Sysctl;
using Cloudnet.Ipam.Cloud;
using Cloudnet.Ipamd.Introspection;
using Cloudnet.Ipamd.Metrics;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Providers.Aws;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Node;

/// <summary>
/// CLOUDNET_PROVIDER=aws: <see cref="Ec2CloudProvider"/> (IMDSv2 + EC2), <see cref="EniNodeNetwork"/>
/// for secondary ENIs and SNAT, <see cref="EniBackgroundService"/> for max pods and the leaked-ENI
/// sweep, the provider's metrics on the daemon's /metrics, and GET /v1/aws.
/// </summary>
public static class EniProvider
{
    /// <summary>MTU handed to pods and set on ENIs by default: EC2's jumbo frames.</summary>
    public const int DefaultMtu = 9001;

    /// <summary>The provider's definition for the registry.</summary>
    public static ProviderDefinition Definition() => new()
    {
        Name = "aws",
        Description = "EC2 ENIs: secondary IPs or /28 prefixes over IMDSv2 and the EC2 API",
        DefaultMtu = DefaultMtu,
        Validate = static (options, configuration) => EniOptionsBinder.Read(options, configuration).Errors,
        Register = static context => Register(context),
        MaxPods = static (services, cancellationToken) => MaxPodsAsync(services, cancellationToken),
    };

    /// <summary>Max pods for /v1/config: computed once the instance type is known (cached), null while EC2/IMDS cannot say.</summary>
    private static async Task<int?> MaxPodsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        try
        {
            return await services.GetRequiredService<Ec2CloudProvider>().MaxPodsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CloudProviderException)
        {
            return null;
        }
    }

    private static void Register(ProviderServices context)
    {
        var (awsOptions, errors) = EniOptionsBinder.Read(context.Options, context.Configuration);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("AWS options were not validated: " + string.Join("; ", errors));
        }

        var services = context.Services;
        services.AddSingleton(awsOptions);
        services.AddSingleton(new AwsMetrics());
        services.AddSingleton(sp =>
        {
            var provider = new Ec2CloudProvider(awsOptions, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<AwsMetrics>());
            _ = new EniMetricsBridge(sp.GetRequiredService<DaemonMetrics>().Registry, provider.Metrics, () => provider.Resilience.AvailableTokens);
            return provider;
        });
        services.AddSingleton<ICloudProvider>(sp => sp.GetRequiredService<Ec2CloudProvider>());
        var network = EniOptionsBinder.NetworkSettings(context.Options);
        services.AddSingleton<INodeNetwork>(sp => new EniNodeNetwork(
            NetlinkSocket.Open(), new ProcSysctl(), new LibNftables(), network, sp.GetRequiredService<ILogger<EniNodeNetwork>>()));
        services.AddSingleton(sp => new EniBackgroundService(
            sp.GetRequiredService<Ec2CloudProvider>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<EniBackgroundService>>()));
        services.AddHostedService(sp => sp.GetRequiredService<EniBackgroundService>());
        services.AddSingleton(new IntrospectionEndpoint("/v1/aws", async (sp, ct) => await AwsStatusAsync(sp, ct).ConfigureAwait(false)));
    }

    private static async Task<object?> AwsStatusAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var provider = services.GetRequiredService<Ec2CloudProvider>();
        var background = services.GetRequiredService<EniBackgroundService>();
        var identity = await provider.IdentityAsync(cancellationToken).ConfigureAwait(false);
        var options = provider.Options;
        return new EniStatus(
            identity.InstanceId,
            identity.InstanceType,
            identity.Region,
            options.ImdsOnly ? "imds-only" : options.PrefixDelegation ? "prefix-delegation" : "secondary-ip",
            await provider.MaxPodsAsync(cancellationToken).ConfigureAwait(false),
            provider.Resilience.TokensPerSecond,
            provider.Resilience.Burst,
            provider.Resilience.AvailableTokens,
            options.Ec2Endpoint?.ToString(),
            options.ClusterName,
            background.LeaksDeleted);
    }
}

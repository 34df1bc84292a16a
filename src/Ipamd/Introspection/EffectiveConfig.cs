using Cloudnet.Ipam.Pool;
using Cloudnet.Ipamd.Options;
using Cloudnet.Ipamd.Providers;
using Cloudnet.Ipamd.Reconciliation;

namespace Cloudnet.Ipamd.Introspection;

/// <summary>GET /v1/config: the configuration in force, after defaults and validation.</summary>
/// <remarks>
/// <see cref="MaxPods"/> is the node's max pods as its provider computes them (AWS: from the
/// instance type's ENI and address limits, for the configured mode), null for providers without
/// one; <c>warmPool.maxPods</c> is the MAX_PODS setting, 0 when not set. <see cref="CniConfDir"/>
/// is null when the daemon installs no conflist; <see cref="CniConflist"/> is null for the built-in
/// 10-cloudnet.conflist.
/// </remarks>
public sealed record EffectiveConfig(
    string Provider,
    string ProviderDescription,
    string StateDir,
    string CheckpointPath,
    string SocketPath,
    IReadOnlyList<string> PoolCidrs,
    string IntrospectionAddr,
    string MetricsAddr,
    double AddWaitSeconds,
    int Mtu,
    double IPCooldownSeconds,
    string? ClusterName,
    string LogLevel,
    WarmPoolOptions WarmPool,
    bool ExternalSnat,
    IReadOnlyList<string> ExcludeSnatCidrs,
    PoolLimits? Limits,
    string? InstanceType,
    double ReconcileSafetyIntervalSeconds,
    int? MaxPods = null,
    string? CniConfDir = null,
    string? CniConflist = null,
    bool ConntrackFlush = false,
    string? NodeName = null)
{
    /// <summary>Builds the view from the options and the provider's latest description.</summary>
    /// <param name="options">The validated daemon options.</param>
    /// <param name="provider">The provider in use.</param>
    /// <param name="node">The provider's latest description of the node, or null before the first.</param>
    /// <param name="reconciler">The reconciler's timing.</param>
    /// <param name="maxPods">The provider's max pods for the node (<see cref="ProviderDefinition.MaxPods"/>), or null.</param>
    public static EffectiveConfig Create(DaemonOptions options, ProviderDefinition provider, NodeDescription? node, ReconcilerSettings reconciler, int? maxPods = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(reconciler);
        return new EffectiveConfig(
            options.Provider,
            provider.Description,
            options.StateDir,
            options.CheckpointPath,
            options.SocketPath,
            [.. options.PoolCidrs.Select(c => c.ToString())],
            options.IntrospectionEndpoint.ToString(),
            options.MetricsEndpoint.ToString(),
            options.AddWait.TotalSeconds,
            options.Mtu ?? provider.DefaultMtu,
            options.IPCooldown.TotalSeconds,
            options.ClusterName,
            options.LogLevel.ToString(),
            options.WarmPool,
            options.Snat.External,
            [.. options.Snat.ExcludeCidrs.Select(c => c.ToString())],
            node?.Limits,
            node?.InstanceType,
            reconciler.SafetyInterval.TotalSeconds,
            maxPods,
            options.CniConfDir,
            options.CniConflist,
            options.ConntrackFlush,
            options.NodeObject.NodeName);
    }
}

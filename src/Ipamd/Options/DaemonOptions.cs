using System.Net;
using Cloudnet.Dataplane.CniInstall;
using Cloudnet.Ipam.Addressing;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Options;

/// <summary>
/// The daemon's effective configuration. The initialisers are the documented defaults; values
/// come from the environment through <see cref="DaemonOptionsReader"/>.
/// </summary>
public sealed class DaemonOptions
{
    /// <summary>The default provider: a node-local pool, no cloud.</summary>
    public const string DefaultProvider = "local";

    /// <summary>CLOUDNET_PROVIDER. Default "local".</summary>
    public string Provider { get; set; } = DefaultProvider;

    /// <summary>CLOUDNET_STATE_DIR: checkpoint, lock file, release spool. Default /var/lib/cloudnet.</summary>
    public string StateDir { get; set; } = "/var/lib/cloudnet";

    /// <summary>CLOUDNET_SOCKET: the gRPC Unix socket (mode 0600). Default /run/cloudnet/ipamd.sock.</summary>
    public string SocketPath { get; set; } = "/run/cloudnet/ipamd.sock";

    /// <summary>CLOUDNET_POOL_CIDRS: the local provider's pool, one interface per CIDR. Default none.</summary>
    public IReadOnlyList<Cidr> PoolCidrs { get; set; } = [];

    /// <summary>CLOUDNET_INTROSPECTION_ADDR. Default 127.0.0.1:61679. Port 0 picks a free port.</summary>
    public IPEndPoint IntrospectionEndpoint { get; set; } = new(IPAddress.Loopback, 61679);

    /// <summary>CLOUDNET_METRICS_ADDR. Default 127.0.0.1:61678. Port 0 picks a free port.</summary>
    public IPEndPoint MetricsEndpoint { get; set; } = new(IPAddress.Loopback, 61678);

    /// <summary>CLOUDNET_ADD_WAIT: how long an ADD on an empty pool waits for the reconciler. Default 10 s.</summary>
    public TimeSpan AddWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>CLOUDNET_MTU: MTU handed to pods; null means the provider's default (1500 locally, 9001 on AWS).</summary>
    public int? Mtu { get; set; }

    /// <summary>IP_COOLDOWN_PERIOD: how long a released address rests before reuse. Default 30 s.</summary>
    public TimeSpan IPCooldown { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>CLUSTER_NAME: tags cloud resources as this cluster's. Default none.</summary>
    public string? ClusterName { get; set; }

    /// <summary>CLOUDNET_LOG_LEVEL. Default Information.</summary>
    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    /// <summary>
    /// CLOUDNET_CNI_CONF_DIR: the runtime's CNI configuration directory (e.g. /etc/cni/net.d). When
    /// set, the daemon writes its conflist there once it is ready, with its own socket and state
    /// directory in the cloudnet plugin. Default none: the daemon installs no conflist.
    /// </summary>
    public string? CniConfDir { get; set; }

    /// <summary>
    /// CLOUDNET_CNI_CONFLIST: the conflist installed into <see cref="CniConfDir"/>, under its own
    /// file name. Default none: the built-in 10-cloudnet.conflist (spec 1.0.0).
    /// </summary>
    public string? CniConflist { get; set; }

    /// <summary>Warm-pool targets.</summary>
    public WarmPoolOptions WarmPool { get; set; } = new();

    /// <summary>Source NAT settings handed to the CNI and the node's SNAT rules.</summary>
    public SnatOptions Snat { get; set; } = new();

    /// <summary>CLOUDNET_CONNTRACK_FLUSH: delete a released pod address's conntrack entries in the
    /// node's namespace, in the background. Default true.</summary>
    public bool ConntrackFlush { get; set; } = true;

    /// <summary>The Node object the pod IP capacity is published on.</summary>
    public NodeObjectOptions NodeObject { get; set; } = new();

    /// <summary>The checkpoint file: &lt;state dir&gt;/ipam.json.</summary>
    public string CheckpointPath => Path.Combine(StateDir, "ipam.json");

    /// <summary>Where the CNI binary spools releases while the daemon is down: &lt;state dir&gt;/spool.</summary>
    public string SpoolDir => Path.Combine(StateDir, "spool");

    /// <summary>Where the conflist is installed: &lt;CNI conf dir&gt;/&lt;conflist's file name&gt;; null when <see cref="CniConfDir"/> is not set.</summary>
    public string? CniConflistTarget => CniConfDir is null ? null : Path.Combine(CniConfDir, Path.GetFileName(CniConflist ?? EmbeddedConflist.Name));

    /// <summary>Held with an exclusive lock while the daemon runs: &lt;state dir&gt;/ipamd.lock.</summary>
    public string LockPath => Path.Combine(StateDir, "ipamd.lock");
}

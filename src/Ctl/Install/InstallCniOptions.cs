using Cloudnet.Dataplane.CniInstall;

namespace Cloudnet.Ctl.Install;

/// <summary>What `cloudnetctl install-cni` installs and where.</summary>
public sealed record InstallCniOptions
{
    /// <summary>The runtime's plugin directory (kubelet/containerd default).</summary>
    public const string DefaultBinDir = "/opt/cni/bin";

    /// <summary>The runtime's network configuration directory (kubelet/containerd default).</summary>
    public const string DefaultConfDir = "/etc/cni/net.d";

    /// <summary>File name of the conflist shipped inside cloudnetctl (deploy/cni/10-cloudnet.conflist, spec 1.0.0).</summary>
    public const string EmbeddedConflistName = EmbeddedConflist.Name;

    /// <summary>The `cloudnet` binary to install. Default: `cloudnet` next to cloudnetctl (out/bin, or /opt/cloudnet/bin in the image).</summary>
    public string BinarySource { get; init; } = Path.Combine(AppContext.BaseDirectory, "cloudnet");

    /// <summary>The conflist to install; null installs the embedded 1.0.0 list (<see cref="EmbeddedConflistName"/>).</summary>
    public string? ConflistSource { get; init; }

    /// <summary>Directory the binary is installed into. Default <see cref="DefaultBinDir"/>.</summary>
    public string BinDir { get; init; } = DefaultBinDir;

    /// <summary>Directory the conflist is installed into. Default <see cref="DefaultConfDir"/>.</summary>
    public string ConfDir { get; init; } = DefaultConfDir;

    /// <summary>Written as the cloudnet plugin's <c>socketPath</c> when set (must match the daemon's CLOUDNET_SOCKET).</summary>
    public string? SocketPath { get; init; }

    /// <summary>Written as the cloudnet plugin's <c>stateDir</c> when set (must match the daemon's CLOUDNET_STATE_DIR).</summary>
    public string? StateDir { get; init; }

    /// <summary>
    /// Install the binary only (`--skip-conflist`), for the DaemonSet's init container: the daemon
    /// writes the conflist once it is ready (CLOUDNET_CNI_CONF_DIR). Default false.
    /// </summary>
    public bool SkipConflist { get; init; }

    /// <summary>The installed conflist's file name: the source's, or <see cref="EmbeddedConflistName"/>.</summary>
    public string ConflistFileName => ConflistSource is null ? EmbeddedConflistName : Path.GetFileName(ConflistSource);
}

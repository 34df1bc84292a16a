using Cloudnet.Cni.Daemon;
using Cloudnet.Cni.Network;
using Cloudnet.Cni.Protocol;
using Cloudnet.Ipam.Spool;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni;

/// <summary>The seams of the binary, wired by Program.cs and replaced by fakes in unit tests.</summary>
public sealed class CniDependencies
{
    /// <summary>Opens a client to the daemon named by the configuration (socket, deadline).</summary>
    public required Func<PluginConfig, IIpamDaemon> ConnectDaemon { get; init; }

    /// <summary>The kernel side.</summary>
    public required IPodNetwork Network { get; init; }

    /// <summary>Writes a release the daemon could not take into the spool directory (first argument).</summary>
    public required Func<string, SpooledRelease, CancellationToken, Task> SpoolRelease { get; init; }

    /// <summary>Creates the logger for the configuration (null: before it is known — stderr).</summary>
    public required Func<PluginConfig?, ILogger> CreateLogger { get; init; }

    /// <summary>The clock, for deadlines, spool timestamps and durations.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}

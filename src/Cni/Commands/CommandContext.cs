using Cloudnet.Cni.Protocol;
using Cloudnet.Contract;
using Cloudnet.Contract.V1;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni.Commands;

/// <summary>What every attachment command works from: the environment, the configuration and the seams.</summary>
internal sealed class CommandContext(CniEnvironment env, PluginConfig config, CniDependencies deps, ILogger logger)
{
    public CniEnvironment Env { get; } = env;

    public PluginConfig Config { get; } = config;

    public CniDependencies Deps { get; } = deps;

    public ILogger Logger { get; } = logger;

    /// <summary>"ADD", "DEL", …</summary>
    public string Operation => Env.Command.ToString().ToUpperInvariant();

    /// <summary>The ids every message names.</summary>
    public string Subject => $"{Operation} container {Env.ContainerId} ifname {Env.IfName} network {Config.NetworkName}";

    /// <summary>The attachment key in the contract's shape.</summary>
    public AttachmentKey Key => new() { NetworkName = Config.NetworkName, ContainerId = Env.ContainerId, IfName = Env.IfName };

    /// <summary>The contract version every request carries.</summary>
    public static string ClientVersion => ContractVersion.Current;
}

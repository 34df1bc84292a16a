using System.Globalization;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Ipamd.Options;

/// <summary>
/// Binds <see cref="DaemonOptions"/> from configuration (the environment, in Program.cs) and
/// validates it. Every problem is reported, each naming its variable; provider-specific checks
/// are added by the provider registry.
/// </summary>
public static partial class DaemonOptionsReader
{
    /// <summary>The longest Unix socket path: sun_path holds 108 bytes including the terminating NUL.</summary>
    public const int MaxSocketPathBytes = 107;

    /// <summary>Reads and validates the options.</summary>
    public static OptionsResult Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var p = new ValueParser(configuration);
        var defaults = new DaemonOptions();
        var options = new DaemonOptions
        {
            Provider = p.Text(EnvironmentNames.Provider)?.ToLowerInvariant() ?? defaults.Provider,
            StateDir = p.AbsolutePath(EnvironmentNames.StateDir, defaults.StateDir),
            SocketPath = p.AbsolutePath(EnvironmentNames.Socket, defaults.SocketPath, MaxSocketPathBytes),
            PoolCidrs = p.CidrList(EnvironmentNames.PoolCidrs),
            IntrospectionEndpoint = p.Endpoint(EnvironmentNames.IntrospectionAddr, defaults.IntrospectionEndpoint),
            MetricsEndpoint = p.Endpoint(EnvironmentNames.MetricsAddr, defaults.MetricsEndpoint),
            AddWait = p.Duration(EnvironmentNames.AddWait, defaults.AddWait, TimeSpan.FromMinutes(5)),
            Mtu = p.Text(EnvironmentNames.Mtu) is null ? null : p.Int(EnvironmentNames.Mtu, 1500, 576, 9216),
            IPCooldown = p.Seconds(EnvironmentNames.IPCooldownPeriod, defaults.IPCooldown, 3600),
            ClusterName = p.Text(EnvironmentNames.ClusterName),
            LogLevel = ReadLogLevel(p),
            WarmPool = ReadWarmPool(p),
            Snat = new SnatOptions
            {
                External = p.Bool(EnvironmentNames.ExternalSnat, false),
                ExcludeCidrs = p.CidrList(EnvironmentNames.ExcludeSnatCidrs),
            },
            ConntrackFlush = p.Bool(EnvironmentNames.ConntrackFlush, defaults.ConntrackFlush),
            NodeObject = ReadNodeObject(p),
            CniConfDir = p.OptionalAbsolutePath(EnvironmentNames.CniConfDir),
            CniConflist = p.OptionalAbsolutePath(EnvironmentNames.CniConflist),
        };
        CheckConsistency(options, p);
        // The conflist is checked only when CLOUDNET_CNI_CONF_DIR is usable or unset: with a bad
        // directory its error already says what to fix, and "set without a directory" would mislead.
        var confDirRejected = p.Text(EnvironmentNames.CniConfDir) is not null && options.CniConfDir is null;
        return new OptionsResult(options, [.. p.Errors, .. confDirRejected ? [] : CniConflistSource.Build(options).Errors]);
    }

    private static WarmPoolOptions ReadWarmPool(ValueParser p)
    {
        const int Max = 100_000;
        var maxPods = p.Int(EnvironmentNames.MaxPods, 0, 0, Max);
        var cloudnetMaxPods = p.Int(EnvironmentNames.CloudnetMaxPods, 0, 0, Max);
        var defaults = new WarmPoolOptions();
        var releaseDelay = p.Duration(EnvironmentNames.ReleaseDelay, defaults.ReleaseDelay, TimeSpan.FromHours(24));
        return new WarmPoolOptions
        {
            WarmEniTarget = p.Int(EnvironmentNames.WarmEniTarget, 1, 0, 100),
            WarmIPTarget = p.Int(EnvironmentNames.WarmIPTarget, 0, 0, Max),
            MinimumIPTarget = p.Int(EnvironmentNames.MinimumIPTarget, 0, 0, Max),
            WarmPrefixTarget = p.Int(EnvironmentNames.WarmPrefixTarget, 0, 0, Max),
            MaxEni = p.Int(EnvironmentNames.MaxEni, 0, 0, 100),
            MaxPods = cloudnetMaxPods > 0 ? cloudnetMaxPods : maxPods,
            PrefixDelegation = p.Bool(EnvironmentNames.EnablePrefixDelegation, false),
            ReleaseDelay = releaseDelay,
            MaxReleaseDelay = ReadMaxReleaseDelay(p, releaseDelay, defaults.MaxReleaseDelay),
        };
    }

    private static NodeObjectOptions ReadNodeObject(ValueParser p)
    {
        var name = p.Text(EnvironmentNames.NodeName);
        if (name is not null && (name.Length > 253 || !NodeNamePattern().IsMatch(name)))
        {
            p.Error(EnvironmentNames.NodeName, $"'{name}' is not a Kubernetes node name (lower-case letters, digits, '-' and '.', at most 253 characters)");
            name = null;
        }

        Uri? api = null;
        if (p.Text(EnvironmentNames.KubeApi) is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                api = uri;
            }
            else
            {
                p.Error(EnvironmentNames.KubeApi, $"'{text}' is not an http or https URL");
            }
        }

        return new NodeObjectOptions { NodeName = name, KubeApi = api, Kubeconfig = p.OptionalAbsolutePath(EnvironmentNames.Kubeconfig) };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial System.Text.RegularExpressions.Regex NodeNamePattern();

    // Unset, the cap is the default or the configured delay, whichever is longer: setting only
    // CLOUDNET_RELEASE_DELAY=1h must not be an error. Set below the delay, it is one.
    private static TimeSpan ReadMaxReleaseDelay(ValueParser p, TimeSpan releaseDelay, TimeSpan fallback)
    {
        if (p.Text(EnvironmentNames.MaxReleaseDelay) is null)
        {
            return fallback > releaseDelay ? fallback : releaseDelay;
        }

        var max = p.Duration(EnvironmentNames.MaxReleaseDelay, releaseDelay, TimeSpan.FromHours(24));
        if (max < releaseDelay)
        {
            p.Error(EnvironmentNames.MaxReleaseDelay, $"{max.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s is shorter than {EnvironmentNames.ReleaseDelay} ({releaseDelay.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s); set it to at least that, or equal to it to keep the delay fixed");
            return releaseDelay;
        }

        return max;
    }

    private static LogLevel ReadLogLevel(ValueParser p)
    {
        var text = p.Text(EnvironmentNames.LogLevel);
        switch (text?.ToUpperInvariant())
        {
            case null:
                return LogLevel.Information;
            case "TRACE":
                return LogLevel.Trace;
            case "DEBUG":
                return LogLevel.Debug;
            case "INFO" or "INFORMATION":
                return LogLevel.Information;
            case "WARN" or "WARNING":
                return LogLevel.Warning;
            case "ERROR":
                return LogLevel.Error;
            case "CRITICAL" or "FATAL":
                return LogLevel.Critical;
            default:
                p.Error(EnvironmentNames.LogLevel, $"'{text}' is not a log level (trace, debug, information, warning, error, critical)");
                return LogLevel.Information;
        }
    }

    private static void CheckConsistency(DaemonOptions options, ValueParser p)
    {
        if (options.IntrospectionEndpoint.Port != 0 && options.IntrospectionEndpoint.Equals(options.MetricsEndpoint))
        {
            p.Error(EnvironmentNames.MetricsAddr, $"'{options.MetricsEndpoint}' is also {EnvironmentNames.IntrospectionAddr}; they need separate ports");
        }

        if (options.SocketPath.StartsWith(options.StateDir + "/", StringComparison.Ordinal)
            && Path.GetFileName(options.SocketPath) is "ipam.json" or "ipamd.lock")
        {
            p.Error(EnvironmentNames.Socket, $"'{options.SocketPath}' collides with a state file");
        }

        for (var i = 0; i < options.PoolCidrs.Count; i++)
        {
            var cidr = options.PoolCidrs[i];
            if (cidr.Family == AddressFamily.InterNetwork && cidr.PrefixLength > 30)
            {
                p.Error(EnvironmentNames.PoolCidrs, $"'{cidr}' has no usable address for pods (use /30 or larger)");
            }

            if (cidr.Family != options.PoolCidrs[0].Family)
            {
                p.Error(EnvironmentNames.PoolCidrs, $"'{cidr}' mixes address families with '{options.PoolCidrs[0]}'; use one family");
            }

            for (var j = 0; j < i; j++)
            {
                if (options.PoolCidrs[j].Overlaps(cidr))
                {
                    p.Error(EnvironmentNames.PoolCidrs, $"'{cidr}' overlaps '{options.PoolCidrs[j]}'");
                }
            }
        }
    }
}

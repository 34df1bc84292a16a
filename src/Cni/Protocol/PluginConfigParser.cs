using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Cloudnet.Cni.Protocol;

/// <summary>Decodes and validates the configuration on stdin into a <see cref="PluginConfig"/>.</summary>
public static class PluginConfigParser
{
    /// <summary>Parses <paramref name="stdin"/> for <paramref name="operation"/> (used in messages).</summary>
    /// <exception cref="CniException">Code 6 (not JSON), 1 (version), 2 (unsupported field), 7 (invalid).</exception>
    public static PluginConfig Parse(ReadOnlySpan<byte> stdin, string operation)
    {
        NetConfDocument? doc;
        try
        {
            doc = NetConfReader.ReadNetConf(stdin);
        }
        catch (JsonException ex)
        {
            throw new CniException(CniErrorCode.DecodingFailure,
                $"{operation}: cannot decode the network configuration on stdin", ex.Message, ex);
        }

        if (doc is null)
        {
            throw new CniException(CniErrorCode.DecodingFailure,
                $"{operation}: the network configuration on stdin is empty or null");
        }

        if (string.IsNullOrEmpty(doc.CniVersion))
        {
            throw new CniException(CniErrorCode.InvalidConfiguration, $"{operation}: cniVersion is missing");
        }

        if (!CniVersions.IsSupported(doc.CniVersion))
        {
            throw new CniException(CniErrorCode.IncompatibleVersion,
                $"{operation}: cniVersion '{doc.CniVersion}' is not supported",
                $"supported versions: {string.Join(", ", CniVersions.Supported)}");
        }

        RejectUnsupported(doc, operation);
        var problems = new List<string>();
        var config = Build(doc, problems);
        if (problems.Count > 0)
        {
            throw new CniException(CniErrorCode.InvalidConfiguration,
                $"{operation}: invalid network configuration: {string.Join("; ", problems)}");
        }

        return config;
    }

    private static void RejectUnsupported(NetConfDocument doc, string operation)
    {
        if (doc.Ipam is { ValueKind: not JsonValueKind.Null } ipam)
        {
            throw new CniException(CniErrorCode.UnsupportedField,
                $"{operation}: unsupported field ipam={ipam.GetRawText()}",
                "cloudnet assigns addresses through cloudnet-ipamd; remove the ipam section");
        }

        if (doc.IPMasq == true)
        {
            throw new CniException(CniErrorCode.UnsupportedField,
                $"{operation}: unsupported field ipMasq=true",
                "SNAT is programmed for the whole node by cloudnet-ipamd (AWS_VPC_K8S_CNI_EXTERNALSNAT)");
        }
    }

    private static PluginConfig Build(NetConfDocument doc, List<string> problems)
    {
        var name = doc.Name ?? string.Empty;
        if (!CniEnvironment.IsValidIdentifier(name))
        {
            problems.Add(name.Length == 0 ? "name is missing" : $"name '{name}' must start with a letter or digit followed by letters, digits, '_', '.' or '-'");
        }

        if (doc.SocketPath is { } socket && !Path.IsPathFullyQualified(socket))
        {
            problems.Add($"socketPath '{socket}' must be an absolute path");
        }

        if (doc.Mtu is < 0 or (> 0 and < 576) or > 65535)
        {
            problems.Add($"mtu {doc.Mtu} must be 0 (the daemon's) or 576-65535");
        }

        var prefix = doc.VethPrefix ?? PluginConfig.DefaultVethPrefix;
        if (prefix.Length is 0 or > PluginConfig.MaxVethPrefixLength || !prefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            problems.Add($"vethPrefix '{prefix}' must be 1-{PluginConfig.MaxVethPrefixLength} characters of [a-z0-9]");
        }

        var level = ParseLevel(doc.LogLevel, problems);
        if (doc.TimeoutSeconds is { } t && (double.IsNaN(t) || t <= 0 || t > 600))
        {
            problems.Add($"timeoutSeconds {t} must be in (0, 600]");
        }

        if (doc.StateDir is { } state && !Path.IsPathFullyQualified(state))
        {
            problems.Add($"stateDir '{state}' must be an absolute path");
        }

        if (doc.LogFile is { Length: > 0 } log && !Path.IsPathFullyQualified(log))
        {
            problems.Add($"logFile '{log}' must be an absolute path");
        }

        var prev = ParsePrevResult(doc, problems);
        return new PluginConfig
        {
            CniVersion = doc.CniVersion!,
            NetworkName = name,
            SocketPath = doc.SocketPath ?? PluginConfig.DefaultSocketPath,
            Mtu = doc.Mtu ?? 0,
            VethPrefix = prefix,
            LogFile = string.IsNullOrEmpty(doc.LogFile) ? null : doc.LogFile,
            LogLevel = level,
            Timeout = doc.TimeoutSeconds is { } s and > 0 and <= 600 ? TimeSpan.FromSeconds(s) : TimeSpan.FromSeconds(15),
            StateDir = doc.StateDir ?? PluginConfig.DefaultStateDir,
            Dns = doc.Dns is { IsEmpty: false } dns ? dns : null,
            PrevResult = prev,
            ValidAttachments = ParseValid(doc, problems),
        };
    }

    private static CniResult? ParsePrevResult(NetConfDocument doc, List<string> problems)
    {
        if (doc.PrevResult is not { ValueKind: not JsonValueKind.Null } element)
        {
            return null;
        }

        try
        {
            return ResultParser.Parse(element);
        }
        catch (FormatException ex)
        {
            problems.Add($"prevResult: {ex.Message}");
            return null;
        }
    }

    private static List<(string, string)>? ParseValid(NetConfDocument doc, List<string> problems)
    {
        if (doc.ValidAttachments is null)
        {
            return null;
        }

        var list = new List<(string, string)>(doc.ValidAttachments.Count);
        foreach (var a in doc.ValidAttachments)
        {
            if (string.IsNullOrEmpty(a.ContainerId) || string.IsNullOrEmpty(a.IfName))
            {
                problems.Add("cni.dev/valid-attachments: every entry needs containerID and ifname");
                continue;
            }

            list.Add((a.ContainerId, a.IfName));
        }

        return list;
    }

    private static LogLevel ParseLevel(string? text, List<string> problems)
    {
        switch (text?.ToLowerInvariant())
        {
            case null or "" or "info" or "information": return LogLevel.Information;
            case "debug": return LogLevel.Debug;
            case "trace": return LogLevel.Trace;
            case "warn" or "warning": return LogLevel.Warning;
            case "error": return LogLevel.Error;
            default:
                problems.Add($"logLevel '{text}' must be one of debug, info, warning, error");
                return LogLevel.Information;
        }
    }
}

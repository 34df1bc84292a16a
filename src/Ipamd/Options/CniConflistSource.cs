using Cloudnet.Dataplane.CniInstall;

namespace Cloudnet.Ipamd.Options;

/// <summary>
/// The conflist the daemon installs once it is ready: CLOUDNET_CNI_CONFLIST (or the built-in
/// 10-cloudnet.conflist) with the daemon's own CLOUDNET_SOCKET and CLOUDNET_STATE_DIR written into
/// the cloudnet plugin, so the CNI binary always talks to this daemon. Read and checked at start,
/// before anything else happens, so a bad file stops the daemon with the variable named.
/// </summary>
public static class CniConflistSource
{
    /// <summary>
    /// The content to install, or null when <see cref="DaemonOptions.CniConfDir"/> is not set;
    /// the errors ("VARIABLE: what is wrong") when it cannot be built.
    /// </summary>
    public static (byte[]? Content, IReadOnlyList<string> Errors) Build(DaemonOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = EnvironmentNames.CniConflist;
        if (options.CniConfDir is null)
        {
            return options.CniConflist is null
                ? (null, [])
                : (null, [$"{name}: '{options.CniConflist}' is set but {EnvironmentNames.CniConfDir} is not, so nothing would be installed"]);
        }

        if (!Path.IsPathFullyQualified(options.CniConfDir))
        {
            return (null, [$"{EnvironmentNames.CniConfDir}: '{options.CniConfDir}' is not an absolute path"]);
        }

        if (options.CniConflist is { } path && Problem(path) is { } problem)
        {
            return (null, [$"{name}: {problem}"]);
        }

        try
        {
            var (source, label) = options.CniConflist is { } file
                ? (File.ReadAllBytes(file), file)
                : (EmbeddedConflist.Read(), $"{EmbeddedConflist.Name} (built in; {name} is not set)");
            return (ConflistEditor.Apply(source, label, options.SocketPath, options.StateDir), []);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, [$"{name}: cannot read '{options.CniConflist}': {ex.Message}"]);
        }
        catch (ConflistException ex)
        {
            return (null, [$"{name}: {ex.Message}"]);
        }
    }

    private static string? Problem(string path)
    {
        if (!Path.IsPathFullyQualified(path))
        {
            return $"'{path}' is not an absolute path";
        }

        // The runtime reads *.conf and *.json as a single network configuration, not a list.
        if (!path.EndsWith(".conflist", StringComparison.Ordinal))
        {
            return $"'{path}' must be a file ending in .conflist (the runtime reads .conf and .json files as a single network, not a list)";
        }

        if (Directory.Exists(path))
        {
            return $"'{path}' is a directory (a conflist file is needed)";
        }

        return File.Exists(path) ? null : $"'{path}' does not exist";
    }
}

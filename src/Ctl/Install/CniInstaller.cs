using Cloudnet.Dataplane.CniInstall;

namespace Cloudnet.Ctl.Install;

/// <summary>
/// `cloudnetctl install-cni`: puts the `cloudnet` binary into the runtime's plugin directory and a
/// conflist into its configuration directory, as the DaemonSet's init container does on every
/// node. Everything is checked before anything is written; each file is replaced atomically and
/// skipped when it already has the content, so a second run changes nothing. The binary goes
/// first: a conflist naming a plugin that is not there yet would fail every pod ADD. With
/// <see cref="InstallCniOptions.SkipConflist"/> only the binary is installed: the DaemonSet's daemon
/// writes the conflist itself once it is ready (CLOUDNET_CNI_CONF_DIR), so the node reports its
/// network ready only when pods can get addresses.
/// </summary>
public static class CniInstaller
{
    /// <summary>Installed binary mode: rwxr-xr-x.</summary>
    public const UnixFileMode BinaryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>Installed conflist mode: rw-r--r--.</summary>
    public const UnixFileMode ConflistMode = EmbeddedConflist.Mode;

    /// <summary>The longest Unix socket path (sun_path is 108 bytes with the NUL), as the daemon checks CLOUDNET_SOCKET.</summary>
    public const int MaxSocketPathBytes = 107;

    /// <summary>The binary's and the conflist's target paths.</summary>
    public static (string Binary, string Conflist) Targets(InstallCniOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (Path.Combine(options.BinDir, "cloudnet"), Path.Combine(options.ConfDir, options.ConflistFileName));
    }

    /// <summary>Installs both files; the results say what changed.</summary>
    /// <exception cref="CtlException">A source is missing or unusable, a directory is missing or not writable; the message names the path.</exception>
    public static async Task<IReadOnlyList<InstallCniResult>> InstallAsync(InstallCniOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        CheckOverride(options.SocketPath, "--socket", MaxSocketPathBytes);
        CheckOverride(options.StateDir, "--state-dir");
        var binary = await ReadSourceAsync(options.BinarySource, "binary", "--binary", cancellationToken).ConfigureAwait(false);
        var binaryTarget = Targets(options).Binary;
        if (options.SkipConflist)
        {
            CheckDirectory(options.BinDir, "--bin-dir");
            return [Install(binaryTarget, binary, BinaryMode)];
        }

        var conflistName = options.ConflistSource ?? $"{InstallCniOptions.EmbeddedConflistName} (built into cloudnetctl)";
        var conflistSource = options.ConflistSource is null
            ? await EmbeddedConflistAsync(cancellationToken).ConfigureAwait(false)
            : await ReadSourceAsync(options.ConflistSource, "conflist", "--conflist", cancellationToken).ConfigureAwait(false);
        byte[] conflist;
        try
        {
            conflist = ConflistEditor.Apply(conflistSource, conflistName, options.SocketPath, options.StateDir);
        }
        catch (ConflistException ex)
        {
            throw new CtlException($"install-cni: {ex.Message}", ex);
        }

        CheckDirectory(options.BinDir, "--bin-dir");
        CheckDirectory(options.ConfDir, "--conf-dir");
        return
        [
            Install(binaryTarget, binary, BinaryMode),
            Install(Targets(options).Conflist, conflist, ConflistMode),
        ];
    }

    /// <summary>The conflist built into cloudnetctl: deploy/cni/10-cloudnet.conflist (<see cref="EmbeddedConflist"/>).</summary>
    public static Task<byte[]> EmbeddedConflistAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return Task.FromResult(EmbeddedConflist.Read());
        }
        catch (InvalidOperationException ex)
        {
            throw new CtlException($"install-cni: {ex.Message}", ex);
        }
    }

    private static InstallCniResult Install(string target, byte[] content, UnixFileMode mode)
    {
        try
        {
            return new InstallCniResult(target, AtomicFile.Replace(target, content, mode), content.Length);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CtlException($"install-cni: cannot install {target}: directory {Path.GetDirectoryName(target)} is not writable ({ex.Message})", ex);
        }
        catch (IOException ex)
        {
            throw new CtlException($"install-cni: cannot install {target}: {ex.Message}", ex);
        }
    }

    private static async Task<byte[]> ReadSourceAsync(string path, string what, string flag, CancellationToken cancellationToken)
    {
        if (Directory.Exists(path))
        {
            throw new CtlException($"install-cni: source {what} {path} is a directory ({flag} takes a file)");
        }

        if (!File.Exists(path))
        {
            throw new CtlException($"install-cni: source {what} {path} does not exist ({flag})");
        }

        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CtlException($"install-cni: cannot read source {what} {path}: {ex.Message}", ex);
        }
    }

    private static void CheckDirectory(string directory, string flag)
    {
        if (!Directory.Exists(directory))
        {
            var what = File.Exists(directory) ? "is not a directory" : "does not exist";
            throw new CtlException($"install-cni: target directory {directory} {what} ({flag})");
        }
    }

    private static void CheckOverride(string? path, string flag, int maxBytes = 4095)
    {
        if (path is not null && !Path.IsPathFullyQualified(path))
        {
            throw new CtlException($"install-cni: {flag} '{path}' must be an absolute path (the runtime runs the plugin from any directory)");
        }

        if (path is not null && System.Text.Encoding.UTF8.GetByteCount(path) > maxBytes)
        {
            throw new CtlException($"install-cni: {flag} '{path}' is longer than {maxBytes} bytes");
        }
    }
}

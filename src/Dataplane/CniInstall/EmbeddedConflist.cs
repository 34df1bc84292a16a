namespace Cloudnet.Dataplane.CniInstall;

/// <summary>
/// The default conflist, deploy/cni/10-cloudnet.conflist (spec 1.0.0: cloudnet, portmap,
/// bandwidth), built into this assembly so `cloudnetctl install-cni` and the daemon need no file
/// beside them. A manifest resource survives the daemon's trimmed publish: the trimmer keeps an
/// assembly's resources, and the code reading it is reached from the daemon's start.
/// </summary>
public static class EmbeddedConflist
{
    /// <summary>The resource's name, also the installed file name.</summary>
    public const string Name = "10-cloudnet.conflist";

    /// <summary>An installed conflist's mode, rw-r--r--: the runtime reads it, only root writes it.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>The conflist's bytes.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a build without deploy/cni).</exception>
    public static byte[] Read()
    {
        using var stream = typeof(EmbeddedConflist).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"{Name} is not built into {typeof(EmbeddedConflist).Assembly.GetName().Name}");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

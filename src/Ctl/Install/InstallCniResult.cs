namespace Cloudnet.Ctl.Install;

/// <summary>What `install-cni` did with one file.</summary>
/// <param name="Path">The installed file.</param>
/// <param name="Changed">False when the file already had this content and mode (nothing was written).</param>
/// <param name="Bytes">Size of the installed content.</param>
public sealed record InstallCniResult(string Path, bool Changed, long Bytes)
{
    /// <summary>One line for the user: "installed PATH (N bytes)" or "unchanged PATH".</summary>
    public override string ToString() => Changed
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"installed {Path} ({Bytes} bytes)")
        : $"unchanged {Path}";
}

namespace Cloudnet.Ipam.Spool;

/// <summary>One file of the release spool as read back: a release, or why the file could not be read.</summary>
/// <param name="Path">The spool file; pass it to <see cref="ReleaseSpool.Remove"/> once handled.</param>
/// <param name="Release">The release, or null when the file is corrupt.</param>
/// <param name="Error">Why the file could not be read, or null.</param>
public sealed record SpoolEntry(string Path, SpooledRelease? Release, string? Error)
{
    /// <summary>True when the file could not be read as a release.</summary>
    public bool IsCorrupt => Release is null;
}

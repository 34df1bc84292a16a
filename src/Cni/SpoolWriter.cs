using Cloudnet.Ipam.Addressing;
using Cloudnet.Ipam.Spool;

namespace Cloudnet.Cni;

/// <summary>Writes a release into the daemon's spool directory through <see cref="ReleaseSpool"/> (the daemon's format).</summary>
internal static class SpoolWriter
{
    public static Task WriteAsync(string spoolDir, SpooledRelease release, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        new ReleaseSpool(spoolDir).Write(new AllocationKey(release.NetworkName, release.ContainerId, release.IfName), release.SpooledAt);
        return Task.CompletedTask;
    }
}

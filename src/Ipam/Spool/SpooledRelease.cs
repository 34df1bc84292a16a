namespace Cloudnet.Ipam.Spool;

/// <summary>
/// A release the CNI binary could not deliver because the daemon was unreachable. The binary
/// writes one file per release into <c>&lt;state dir&gt;/spool</c>; the daemon drains them at start.
/// </summary>
public sealed record SpooledRelease(string NetworkName, string ContainerId, string IfName, DateTimeOffset SpooledAt);

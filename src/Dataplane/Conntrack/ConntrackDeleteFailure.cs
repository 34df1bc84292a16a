using System.Net;

namespace Cloudnet.Dataplane.Conntrack;

/// <summary>A delete the kernel refused during a flush.</summary>
/// <param name="Address">The flushed address the entry matched.</param>
/// <param name="Entry">The entry that was not deleted.</param>
/// <param name="Message">The operation, entry, address and errno, e.g.
/// "IPCTNL_MSG_CT_DELETE udp 10.0.0.5:4000 -> 10.0.0.9:53 (...) (flush of 10.0.0.5): EPERM (operation not permitted)".</param>
public sealed record ConntrackDeleteFailure(IPAddress Address, ConntrackEntry Entry, string Message);

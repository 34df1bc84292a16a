namespace Cloudnet.Dataplane.Netlink.Protocol;

/// <summary>
/// Datagram exchange with the kernel: the seam under <see cref="NetlinkConnection"/>, so that
/// the request/ack and dump-retry logic can be tested against scripted replies.
/// </summary>
internal interface INetlinkTransport : IDisposable
{
    /// <summary>Sends one request datagram.</summary>
    void Send(ReadOnlySpan<byte> message);

    /// <summary>Receives one datagram (one or more netlink messages); grows the buffer when needed.</summary>
    /// <returns>The number of bytes received.</returns>
    int Receive(ref byte[] buffer);

    /// <summary>
    /// Turns NETLINK_GET_STRICT_CHK on or off: with it the kernel applies the filters of a dump
    /// request (table, output interface) instead of ignoring them. Returns false when the kernel
    /// has no such option (before 4.20); the default does nothing and returns false.
    /// </summary>
    bool SetStrictChecking(bool on) => false;
}

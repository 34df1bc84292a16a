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
}

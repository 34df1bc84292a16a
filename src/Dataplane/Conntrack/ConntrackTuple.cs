using System.Globalization;
using System.Net;

namespace Cloudnet.Dataplane.Conntrack;

/// <summary>One direction of a tracked connection.</summary>
/// <param name="Source">Source address.</param>
/// <param name="Destination">Destination address.</param>
/// <param name="SourcePort">Source port (TCP, UDP, SCTP) or the ICMP echo id; null when the protocol has none.</param>
/// <param name="DestinationPort">Destination port (TCP, UDP, SCTP); null when the protocol has none.</param>
public sealed record ConntrackTuple(IPAddress Source, IPAddress Destination, ushort? SourcePort, ushort? DestinationPort)
{
    /// <inheritdoc />
    public override string ToString() => $"{Endpoint(Source, SourcePort)} -> {Endpoint(Destination, DestinationPort)}";

    private static string Endpoint(IPAddress address, ushort? port) => port is { } p
        ? new IPEndPoint(address, p).ToString()
        : address.ToString();
}

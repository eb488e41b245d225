namespace Topo.Core.Capture;

/// <summary>
/// What one captured frame says, as far as topo reads it: the addresses (IP, or MAC for a frame that carries
/// no IP), the protocol, and what a reader of a lab asks of it: TCP/UDP ports, TCP flags, the ICMP type, and
/// for ARP the question or answer. <see cref="Protocol"/> is <c>ARP</c>, <c>ICMP</c>, <c>ICMPv6</c>, <c>TCP</c>,
/// <c>UDP</c>, or a name for the rest (<c>IPv4 proto 47</c>, <c>ethertype 0x88cc</c>).
/// </summary>
public sealed record DecodedPacket(PacketFamily Family, string Protocol, string Source, string Destination)
{
    public int? SourcePort { get; init; }

    public int? DestinationPort { get; init; }

    /// <summary>The TCP flags that are set, in the order tcpdump prints them: <c>SYN</c>, <c>SYN,ACK</c>, <c>FIN,ACK</c>.</summary>
    public string? TcpFlags { get; init; }

    /// <summary>The ICMP or ICMPv6 message: <c>echo request id 4242 seq 1</c>, <c>port unreachable</c>.</summary>
    public string? Icmp { get; init; }

    /// <summary>What else the line shows: ARP's <c>who-has 10.0.0.1 tell 10.0.0.2</c>, a fragment, a short frame.</summary>
    public string? Detail { get; init; }
}

/// <summary>The network layer a frame carries.</summary>
public enum PacketFamily
{
    Other,
    Arp,
    Ipv4,
    Ipv6,
}

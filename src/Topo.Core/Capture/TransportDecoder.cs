using System.Buffers.Binary;

namespace Topo.Core.Capture;

/// <summary>What rides on IP: TCP (ports, flags), UDP (ports), ICMP and ICMPv6 (the message, and an echo's id and sequence).</summary>
internal static class TransportDecoder
{
    private const int Icmp = 1;
    private const int Tcp = 6;
    private const int Udp = 17;
    private const int IcmpV6 = 58;

    // Bit, name: tcpdump's order of printing, lowest bit first.
    private static readonly (int Bit, string Name)[] Flags = [(0x02, "SYN"), (0x01, "FIN"), (0x04, "RST"), (0x08, "PSH"), (0x10, "ACK"), (0x20, "URG"), (0x40, "ECE"), (0x80, "CWR")];

    public static string Name(int protocol, bool v6) => protocol switch
    {
        Icmp => "ICMP",
        Tcp => "TCP",
        Udp => "UDP",
        IcmpV6 => "ICMPv6",
        _ => $"{(v6 ? "IPv6 next header" : "IPv4 proto")} {protocol}",
    };

    public static DecodedPacket Decode(PacketFamily family, int protocol, ReadOnlySpan<byte> payload, string source, string destination)
    {
        var packet = new DecodedPacket(family, Name(protocol, family == PacketFamily.Ipv6), source, destination);
        switch (protocol)
        {
            case Tcp when payload.Length >= 20:
                return packet with
                {
                    SourcePort = BinaryPrimitives.ReadUInt16BigEndian(payload),
                    DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]),
                    TcpFlags = FlagsOf(payload[13]),
                    Detail = PayloadLength(payload, (payload[12] >> 4) * 4),
                };
            case Udp when payload.Length >= 8:
                return packet with
                {
                    SourcePort = BinaryPrimitives.ReadUInt16BigEndian(payload),
                    DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(payload[2..]),
                    Detail = PayloadLength(payload, 8),
                };
            case Icmp or IcmpV6 when payload.Length >= 4:
                return packet with { Icmp = IcmpTypes.Describe(protocol == IcmpV6, payload) };
            case Tcp or Udp or Icmp or IcmpV6:
                return packet with { Detail = "header cut short" };
            default:
                return packet;
        }
    }

    private static string FlagsOf(byte bits)
    {
        var set = Flags.Where(f => (bits & f.Bit) != 0).Select(f => f.Name).ToList();
        return set.Count == 0 ? "none" : string.Join(',', set);
    }

    private static string? PayloadLength(ReadOnlySpan<byte> segment, int headerLength) =>
        headerLength >= 8 && segment.Length > headerLength ? $"length {segment.Length - headerLength}" : null;
}

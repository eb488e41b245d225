using System.Buffers.Binary;
using System.Net;

namespace Topo.Core.Capture;

/// <summary>
/// IPv4 and IPv6 headers: the addresses and the protocol they carry, handed to <see cref="TransportDecoder"/>.
/// IPv6 extension headers (hop-by-hop, routing, destination options, fragment) are stepped over: MLD, which every
/// interface sends when it comes up, rides behind a hop-by-hop header. A fragment after the first has no ports.
/// </summary>
internal static class IpDecoder
{
    private const int HopByHop = 0;
    private const int Routing = 43;
    private const int Fragment = 44;
    private const int DestinationOptions = 60;

    public static DecodedPacket V4(ReadOnlySpan<byte> ip)
    {
        if (ip.Length < 20 || ip[0] >> 4 != 4) return Broken(PacketFamily.Ipv4, "IPv4", "header cut short");
        var headerLength = (ip[0] & 0x0f) * 4;
        var source = new IPAddress(ip[12..16]).ToString();
        var destination = new IPAddress(ip[16..20]).ToString();
        var protocol = ip[9];
        var fragmentOffset = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x1fff;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip[2..]);
        if (headerLength < 20 || ip.Length < headerLength) return Broken(PacketFamily.Ipv4, "IPv4", "header cut short", source, destination);
        // A frame may carry padding beyond the datagram (Ethernet's 60-byte minimum): the IP length says where it ends.
        var end = totalLength >= headerLength && totalLength <= ip.Length ? totalLength : ip.Length;
        var payload = ip[headerLength..end];
        if (fragmentOffset != 0)
            return new DecodedPacket(PacketFamily.Ipv4, TransportDecoder.Name(protocol, v6: false), source, destination) { Detail = $"fragment at offset {fragmentOffset * 8}" };
        return TransportDecoder.Decode(PacketFamily.Ipv4, protocol, payload, source, destination);
    }

    public static DecodedPacket V6(ReadOnlySpan<byte> ip)
    {
        if (ip.Length < 40 || ip[0] >> 4 != 6) return Broken(PacketFamily.Ipv6, "IPv6", "header cut short");
        var source = new IPAddress(ip[8..24]).ToString();
        var destination = new IPAddress(ip[24..40]).ToString();
        int next = ip[6];
        var payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip[4..]);
        var rest = ip[40..Math.Min(ip.Length, 40 + payloadLength)];
        while (next is HopByHop or Routing or DestinationOptions or Fragment)
        {
            if (rest.Length < 8) return Broken(PacketFamily.Ipv6, "IPv6", "extension header cut short", source, destination);
            if (next == Fragment)
            {
                var offset = BinaryPrimitives.ReadUInt16BigEndian(rest[2..]) >> 3;
                if (offset != 0)
                    return new DecodedPacket(PacketFamily.Ipv6, TransportDecoder.Name(rest[0], v6: true), source, destination) { Detail = $"fragment at offset {offset * 8}" };
                next = rest[0];
                rest = rest[8..];
                continue;
            }

            var length = (rest[1] + 1) * 8;
            if (rest.Length < length) return Broken(PacketFamily.Ipv6, "IPv6", "extension header cut short", source, destination);
            next = rest[0];
            rest = rest[length..];
        }

        return TransportDecoder.Decode(PacketFamily.Ipv6, next, rest, source, destination);
    }

    private static DecodedPacket Broken(PacketFamily family, string protocol, string why, string source = "?", string destination = "?") =>
        new(family, protocol, source, destination) { Detail = why };
}

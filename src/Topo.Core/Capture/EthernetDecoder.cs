using System.Buffers.Binary;

namespace Topo.Core.Capture;

/// <summary>
/// An Ethernet frame (what a packet socket on a veth, a bridge or a loopback gives, link header included) to a
/// <see cref="DecodedPacket"/>. 802.1Q and 802.1ad tags are stepped over, so a VLAN's packets read as the rest do.
/// </summary>
public static class EthernetDecoder
{
    private const int HeaderLength = 14;
    private const ushort Ipv4 = 0x0800;
    private const ushort Arp = 0x0806;
    private const ushort Ipv6 = 0x86dd;
    private const ushort Vlan = 0x8100;
    private const ushort QinQ = 0x88a8;

    public static DecodedPacket Decode(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < HeaderLength) return new DecodedPacket(PacketFamily.Other, "short frame", "?", "?") { Detail = $"{frame.Length} bytes" };
        var destination = Mac(frame[..6]);
        var source = Mac(frame[6..12]);
        var offset = 12;
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        while (type is Vlan or QinQ && frame.Length >= offset + 6)
        {
            offset += 4;
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }

        var payload = frame[(offset + 2)..];
        return type switch
        {
            Ipv4 => IpDecoder.V4(payload),
            Ipv6 => IpDecoder.V6(payload),
            Arp => ArpDecoder.Decode(payload, source, destination),
            _ => new DecodedPacket(PacketFamily.Other, $"ethertype 0x{type:x4}", source, destination),
        };
    }

    internal static string Mac(ReadOnlySpan<byte> bytes) => string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}

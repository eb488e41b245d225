using System.Buffers.Binary;
using System.Net;

namespace Topo.Core.Capture;

/// <summary>ARP for IPv4 over Ethernet (RFC 826): the question (<c>who-has</c>) or the answer (<c>is-at</c>), as tcpdump words them.</summary>
internal static class ArpDecoder
{
    private const int Length = 28;

    public static DecodedPacket Decode(ReadOnlySpan<byte> arp, string sourceMac, string destinationMac)
    {
        // Hardware Ethernet (1), protocol IPv4, address lengths 6 and 4: anything else is shown by its MACs alone.
        if (arp.Length < Length || BinaryPrimitives.ReadUInt16BigEndian(arp) != 1 || BinaryPrimitives.ReadUInt16BigEndian(arp[2..]) != 0x0800 || arp[4] != 6 || arp[5] != 4)
            return new DecodedPacket(PacketFamily.Arp, "ARP", sourceMac, destinationMac) { Detail = "not Ethernet/IPv4" };
        var operation = BinaryPrimitives.ReadUInt16BigEndian(arp[6..]);
        var senderMac = EthernetDecoder.Mac(arp[8..14]);
        var sender = new IPAddress(arp[14..18]).ToString();
        var target = new IPAddress(arp[24..28]).ToString();
        var detail = operation switch
        {
            1 => $"who-has {target} tell {sender}",
            2 => $"{sender} is-at {senderMac}",
            _ => $"operation {operation}",
        };
        return new DecodedPacket(PacketFamily.Arp, "ARP", sender, target) { Detail = detail };
    }
}

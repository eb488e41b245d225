using System.Net;

namespace Topo.Core.Tests.Capture;

/// <summary>Frames built field by field, as the RFCs lay them out, for the decoders to read.</summary>
internal static class Frames
{
    public static readonly byte[] MacA = [0x02, 0, 0, 0, 0, 0x0a];
    public static readonly byte[] MacB = [0x02, 0, 0, 0, 0, 0x0b];

    public static byte[] Ethernet(ushort type, byte[] payload, byte[]? vlan = null) =>
        [.. MacB, .. MacA, .. vlan is null ? [] : (byte[])[0x81, 0x00, .. vlan], (byte)(type >> 8), (byte)type, .. payload];

    public static byte[] Ipv4(byte protocol, string source, string destination, byte[] payload, ushort fragment = 0x4000)
    {
        var length = 20 + payload.Length;
        return [0x45, 0, (byte)(length >> 8), (byte)length, 0, 1, (byte)(fragment >> 8), (byte)fragment, 64, protocol, 0, 0,
            .. IPAddress.Parse(source).GetAddressBytes(), .. IPAddress.Parse(destination).GetAddressBytes(), .. payload];
    }

    public static byte[] Ipv6(byte next, string source, string destination, byte[] payload) =>
        [0x60, 0, 0, 0, (byte)(payload.Length >> 8), (byte)payload.Length, next, 64,
            .. IPAddress.Parse(source).GetAddressBytes(), .. IPAddress.Parse(destination).GetAddressBytes(), .. payload];

    public static byte[] Tcp(ushort source, ushort destination, byte flags, byte[]? data = null) =>
        [(byte)(source >> 8), (byte)source, (byte)(destination >> 8), (byte)destination, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0, .. data ?? []];

    public static byte[] Udp(ushort source, ushort destination, byte[] data) =>
        [(byte)(source >> 8), (byte)source, (byte)(destination >> 8), (byte)destination, 0, (byte)(8 + data.Length), 0, 0, .. data];

    public static byte[] Icmp(byte type, byte code, ushort id = 0, ushort sequence = 0) =>
        [type, code, 0, 0, (byte)(id >> 8), (byte)id, (byte)(sequence >> 8), (byte)sequence];
}

using System.Buffers.Binary;
using System.Globalization;

namespace Topo.Core.Capture;

/// <summary>ICMP (RFC 792) and ICMPv6 (RFC 4443, 4861) messages by type and code, in words.</summary>
internal static class IcmpTypes
{
    public static string Describe(bool v6, ReadOnlySpan<byte> icmp)
    {
        int type = icmp[0], code = icmp[1];
        var echo = v6 ? type is 128 or 129 : type is 8 or 0;
        var name = v6 ? V6(type, code) : V4(type, code);
        if (!echo || icmp.Length < 8) return name;
        var id = BinaryPrimitives.ReadUInt16BigEndian(icmp[4..]).ToString(CultureInfo.InvariantCulture);
        var sequence = BinaryPrimitives.ReadUInt16BigEndian(icmp[6..]).ToString(CultureInfo.InvariantCulture);
        return $"{name} id {id} seq {sequence}";
    }

    private static string V4(int type, int code) => (type, code) switch
    {
        (0, _) => "echo reply",
        (8, _) => "echo request",
        (3, 0) => "net unreachable",
        (3, 1) => "host unreachable",
        (3, 2) => "protocol unreachable",
        (3, 3) => "port unreachable",
        (3, 4) => "fragmentation needed",
        (3, 13) => "administratively prohibited",
        (3, _) => $"destination unreachable code {code}",
        (5, _) => "redirect",
        (11, 0) => "time exceeded in transit",
        (11, _) => "time exceeded",
        _ => $"type {type} code {code}",
    };

    private static string V6(int type, int code) => (type, code) switch
    {
        (1, 0) => "no route to destination",
        (1, 1) => "administratively prohibited",
        (1, 3) => "address unreachable",
        (1, 4) => "port unreachable",
        (1, _) => $"destination unreachable code {code}",
        (2, _) => "packet too big",
        (3, _) => "time exceeded",
        (4, _) => "parameter problem",
        (128, _) => "echo request",
        (129, _) => "echo reply",
        (130, _) => "multicast listener query",
        (131, _) => "multicast listener report",
        (133, _) => "router solicitation",
        (134, _) => "router advertisement",
        (135, _) => "neighbor solicitation",
        (136, _) => "neighbor advertisement",
        (137, _) => "redirect",
        (143, _) => "multicast listener report v2",
        _ => $"type {type} code {code}",
    };
}

using System.Collections.Immutable;

namespace Topo.Core.Capture;

/// <summary>
/// <c>--proto icmp|tcp|udp</c>, given once or more: which packets a capture keeps. <c>icmp</c> means ICMP and
/// ICMPv6 both, as a check's <c>proto: icmp</c> pings in either family. No protocol named keeps everything.
/// Filtered in the process, after decoding: a teaching lab's rates need no kernel filter, and one decoder
/// decides both what a line says and whether it is shown.
/// </summary>
public sealed record ProtocolFilter(ImmutableArray<string> Protocols)
{
    public static readonly ImmutableArray<string> Known = ["icmp", "tcp", "udp"];

    public static ProtocolFilter All { get; } = new([]);

    public bool Keeps(DecodedPacket packet) => Protocols.IsEmpty || Protocols.Any(p => p switch
    {
        "icmp" => packet.Protocol is "ICMP" or "ICMPv6",
        "tcp" => packet.Protocol == "TCP",
        "udp" => packet.Protocol == "UDP",
        _ => false,
    });
}

using System.Globalization;

namespace Topo.Core.Capture;

/// <summary>
/// A captured frame as one line of text, the way a person reads a trace: local time to the nanosecond, the
/// interface, <c>in</c> or <c>out</c>, source and destination (with ports), the protocol and what it says.
/// <code>21:31:07.123456789 cli:eth0 out 10.66.0.2:41234 -> 10.66.0.1:8080 TCP [SYN]</code>
/// </summary>
public static class PacketLine
{
    public static string Render(CapturedFrame frame, DecodedPacket packet, string where, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(frame.Time, zone);
        var time = $"{local.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}.{frame.Nanoseconds.ToString("D9", CultureInfo.InvariantCulture)}";
        var line = $"{time} {where} {(frame.Outgoing ? "out" : "in")} {Endpoint(packet.Source, packet.SourcePort)} -> {Endpoint(packet.Destination, packet.DestinationPort)} {packet.Protocol}";
        if (packet.TcpFlags is { } flags) line += $" [{flags}]";
        if (packet.Icmp is { } icmp) line += $" {icmp}";
        if (packet.Detail is { } detail) line += $" {detail}";
        return line;
    }

    /// <summary>An address with its port as a URL writes it: <c>10.0.0.1:80</c>, <c>[fd00::1]:80</c>.</summary>
    public static string Endpoint(string address, int? port) => port switch
    {
        null => address,
        { } p when address.Contains(':') => $"[{address}]:{p.ToString(CultureInfo.InvariantCulture)}",
        { } p => $"{address}:{p.ToString(CultureInfo.InvariantCulture)}",
    };
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Topo.Core.Capture;

namespace Topo.Cli.Output;

/// <summary>
/// <c>capture --output json</c>: one object per packet and per line (JSON Lines, so a reader can act on each as it
/// comes): <c>{time, interface, direction, family, protocol, source, destination, sourcePort, destinationPort,
/// tcpFlags, icmp, detail, length}</c>; <c>time</c> is UTC, to the nanosecond.
/// </summary>
public static class CaptureJson
{
    public static string Line(CapturedFrame frame, DecodedPacket packet, string where) => JsonSerializer.Serialize(
        new CapturedPacketDocument(
            $"{frame.Time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)}.{frame.Nanoseconds.ToString("D9", CultureInfo.InvariantCulture)}Z",
            where,
            frame.Outgoing ? "out" : "in",
            packet.Family.ToString().ToLowerInvariant(),
            packet.Protocol,
            packet.Source,
            packet.Destination,
            packet.SourcePort,
            packet.DestinationPort,
            packet.TcpFlags,
            packet.Icmp,
            packet.Detail,
            frame.OriginalLength),
        CaptureJsonContext.Default.CapturedPacketDocument);
}

internal sealed record CapturedPacketDocument(
    string Time,
    string Interface,
    string Direction,
    string Family,
    string Protocol,
    string Source,
    string Destination,
    int? SourcePort,
    int? DestinationPort,
    string? TcpFlags,
    string? Icmp,
    string? Detail,
    int Length);

/// <summary>Not indented, unlike the other commands' documents: one packet is one line.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CapturedPacketDocument))]
internal sealed partial class CaptureJsonContext : JsonSerializerContext;

using System.Net;

namespace Topo.Core.Trace;

/// <summary>What nftables' tracing said about the probe at one point: a rule it matched, or a chain's end.</summary>
public enum TraceEventType
{
    Rule,
    Return,
    Policy,
}

/// <summary>
/// One NFT_MSG_TRACE event, as the namespace <paramref name="Namespace"/> reported it: the table and
/// chain the packet was in, the rule (by handle) and its verdict, the interfaces it came in by and
/// goes out by (ifindex), and the addresses and ports of its header at that moment, so NAT shows as
/// the change between two events.
/// </summary>
public sealed record TraceEvent(
    Topo.Core.State.Netns Namespace,
    string Family,
    string Table,
    string Chain,
    TraceEventType Type,
    long? Handle,
    string? Verdict,
    string? JumpTarget,
    int? InIndex,
    int? OutIndex,
    PacketHeader? Header,
    uint? Id = null);

/// <summary>The parts of a packet's IP and transport headers a trace shows.</summary>
public sealed record PacketHeader(IPAddress Source, IPAddress Destination, string Protocol, int? SourcePort, int? DestinationPort)
{
    public string Endpoint(bool source) =>
        (source ? SourcePort : DestinationPort) is { } port && Protocol is "tcp" or "udp"
            ? $"{Bracket(source ? Source : Destination)}:{port}"
            : (source ? Source : Destination).ToString();

    private static string Bracket(IPAddress a) => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString();
}

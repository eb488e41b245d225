using System.Net;
using Topo.Core.State;

namespace Topo.Core.Trace;

/// <summary>What a trace asks the kernel after the probe has gone: links, route lookups, neighbours and rule texts, per namespace.</summary>
public interface ITraceKernel
{
    IReadOnlyList<TraceLink> Links(Netns ns);

    /// <summary>The lookup the kernel makes for a packet to <paramref name="destination"/>, arriving by <paramref name="inIndex"/> (null: sent from the namespace itself).</summary>
    RouteAnswer Route(Netns ns, IPAddress destination, IPAddress? source, int? inIndex);

    /// <summary>The neighbour entry's state for <paramref name="address"/> on the link (<c>reachable</c>, <c>incomplete</c>, <c>failed</c>...), or null when there is none.</summary>
    string? Neighbour(Netns ns, int index, IPAddress address);

    /// <summary>The rule's text as nft lists it, or null when the table or the handle is gone.</summary>
    string? RuleText(Netns ns, string family, string table, long handle);
}

/// <summary>One interface of a namespace, as far as following a packet needs it.</summary>
public sealed record TraceLink(int Index, string Name, string? Kind, int? MasterIndex, int? PeerIndex);

/// <summary>A route lookup's answer: its type (<c>unicast</c>, <c>local</c>, <c>unreachable</c>...), or the kernel's error.</summary>
public sealed record RouteAnswer(string Type, int? OutIndex, IPAddress? Gateway, string? Error = null)
{
    public bool Routes => Error is null && Type is "unicast" or "local";
}

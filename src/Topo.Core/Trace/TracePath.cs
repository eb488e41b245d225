using System.Collections.Immutable;
using System.Net;
using Topo.Core.State;

namespace Topo.Core.Trace;

/// <summary>
/// Turns the trace events each namespace reported into the path, hop by hop, and the answer in words.
/// The order of the hops comes from the kernel's links, not from the order events arrived in: a
/// hop's way out is a veth, and the next hop is the namespace holding its peer, or, when that peer is
/// a bridge port in a namespace that only bridges (no IP hook sees the packet there), the namespace
/// holding the peer of another port of that bridge.
/// </summary>
public sealed class TracePath(ITraceKernel kernel, RuleOrigins origins, IReadOnlyList<Netns> namespaces)
{
    /// <summary>The trace table's name starts so; its chains are named after their hooks.</summary>
    public const string TablePrefix = "topo-trace-";

    private readonly Dictionary<Netns, IReadOnlyList<TraceLink>> _links = [];

    public TraceReport Build(Netns from, IPAddress to, string protocol, string toText, IReadOnlyDictionary<Netns, IReadOnlyList<TraceEvent>> events)
    {
        var hops = ImmutableArray.CreateBuilder<TraceHop>();
        var visited = new HashSet<Netns>();
        (Netns Ns, string? Crossed)? at = (from, null);
        IPAddress destination = to;
        while (at is { } here && visited.Add(here.Ns))
        {
            var seen = events.TryGetValue(here.Ns, out var e) ? e : [];
            var hop = Hop(here.Ns, seen, here.Crossed, destination, hops.Count, out var end);
            hops.Add(hop.Hop);
            destination = hop.Destination;
            if (end is { } finished) return Report(from, toText, protocol, hops, finished);
            at = Next(here.Ns, hop.OutIndex, events, visited);
            if (at is null) return Report(from, toText, protocol, hops, Stopped(here.Ns, hop, destination));
        }

        return Report(from, toText, protocol, hops, (TraceOutcome.Lost, "the probe came back to a namespace it had been in"));
    }

    private static TraceReport Report(Netns from, string to, string protocol, ImmutableArray<TraceHop>.Builder hops, (TraceOutcome Outcome, string Answer) end) =>
        new(from.Display, to, protocol, hops.ToImmutable(), end.Outcome, end.Answer);

    private sealed record Seen(TraceHop Hop, IPAddress Destination, IPAddress? Source, int? InIndex, int? OutIndex);

    private Seen Hop(Netns ns, IReadOnlyList<TraceEvent> seen, string? crossed, IPAddress destination, int hopsBefore, out (TraceOutcome, string)? end)
    {
        end = null;
        var ours = seen.Where(e => e.Table.StartsWith(TablePrefix, StringComparison.Ordinal)).ToList();
        var first = ours.FirstOrDefault(e => e.Chain is "prerouting" or "output");
        var last = ours.LastOrDefault(e => e.Chain is "postrouting" or "input") ?? ours.LastOrDefault();
        var inIndex = ours.FirstOrDefault(e => e.Chain == "prerouting")?.InIndex;
        var outIndex = ours.LastOrDefault(e => e.Chain is "postrouting" or "output" or "forward" && e.OutIndex is not null)?.OutIndex;

        var rules = ImmutableArray.CreateBuilder<TraceRule>();
        TraceRule? dropped = null;
        foreach (var e in seen.Where(e => !e.Table.StartsWith(TablePrefix, StringComparison.Ordinal)))
        {
            // A rule event without a handle, or a return, says nothing a person can look up.
            if (e.Type == TraceEventType.Return || (e.Type == TraceEventType.Rule && e.Handle is null)) continue;
            var text = e.Type == TraceEventType.Policy ? $"policy {e.Verdict}" : e.Handle is { } h ? kernel.RuleText(ns, e.Family, e.Table, h) ?? $"rule handle {h}" : "rule";
            var (shown, origin) = e.Type == TraceEventType.Rule ? origins.Of(ns, text) : (text, null);
            var rule = new TraceRule($"{e.Family} {e.Table}", e.Chain, shown, e.Verdict ?? "", origin);
            rules.Add(rule);
            if (e.Verdict == "drop") dropped ??= rule;
        }

        var nat = ImmutableArray.CreateBuilder<string>();
        if (first?.Header is { } before && last?.Header is { } after)
        {
            if (!before.Destination.Equals(after.Destination) || before.DestinationPort != after.DestinationPort)
                nat.Add($"DNAT {before.Endpoint(false)} -> {after.Endpoint(false)}");
            if (!before.Source.Equals(after.Source) || before.SourcePort != after.SourcePort)
                nat.Add($"SNAT {before.Endpoint(true)} -> {after.Endpoint(true)}");
        }

        var now = last?.Header?.Destination ?? first?.Header?.Destination ?? destination;
        var source = last?.Header?.Source ?? first?.Header?.Source;
        string? route = null;
        if (seen.Count > 0 || hopsBefore == 0)
        {
            var answer = kernel.Route(ns, first?.Header?.Destination is { } d && inIndex is null ? d : now, first?.Header?.Source, inIndex);
            route = RouteText(ns, answer);
        }

        var hop = new TraceHop(ns.Display, Name(ns, inIndex), crossed, route, rules.ToImmutable(), nat.ToImmutable(), Name(ns, outIndex));
        if (dropped is { } d2)
            end = (TraceOutcome.Dropped, $"dropped in {ns.Display} by {d2.Chain} rule `{d2.Text}`" + (d2.Origin is { } o ? $" ({o})" : ""));
        else if (ours.Any(e => e.Chain == "input"))
            end = (TraceOutcome.Delivered, $"delivered to {ns.Display}:{Name(ns, inIndex) ?? "lo"}");
        return new Seen(hop, now, source, inIndex, outIndex);
    }

    private string RouteText(Netns ns, RouteAnswer answer)
    {
        if (answer.Error is { } error) return $"no route ({error})";
        if (answer.Type == "local") return "local (an address of this namespace)";
        if (!answer.Routes) return answer.Type;
        var via = answer.Gateway is { } g ? $" via {g}" : "";
        return $"dev {Name(ns, answer.OutIndex) ?? "?"}{via}";
    }

    private (TraceOutcome, string) Stopped(Netns ns, Seen hop, IPAddress destination)
    {
        if (hop.OutIndex is not { } outIndex)
        {
            var lookup = kernel.Route(ns, destination, hop.Source, hop.InIndex);
            return lookup.Routes
                ? (TraceOutcome.Lost, $"lost in {ns.Display}: routed, but never left (no nftables hook saw it go)")
                : (TraceOutcome.NoRoute, $"no route to {destination} in {ns.Display}" + (lookup.Error is { } e ? $" ({e})" : ""));
        }

        var route = kernel.Route(ns, destination, hop.Source, hop.InIndex);
        var next = route.Gateway ?? destination;
        var state = kernel.Neighbour(ns, outIndex, next);
        var name = Name(ns, outIndex);
        if (state is null or "incomplete" or "failed")
            return (TraceOutcome.NoNeighbour, $"no neighbour: nothing answered for {next} on {name} in {ns.Display}" + (state is null ? "" : $" (neighbour entry {state})"));
        return (TraceOutcome.Lost, $"left {ns.Display} by {name} and was not seen again");
    }

    /// <summary>The namespace the packet lands in after leaving <paramref name="ns"/> by <paramref name="outIndex"/>, and the bridge crossed on the way.</summary>
    private (Netns, string?)? Next(Netns ns, int? outIndex, IReadOnlyDictionary<Netns, IReadOnlyList<TraceEvent>> events, HashSet<Netns> visited)
    {
        if (outIndex is not { } index || Links(ns).FirstOrDefault(l => l.Index == index) is not { } exit) return null;
        var candidates = namespaces.Where(n => !visited.Contains(n)).ToList();
        if (exit.Kind == "bridge") return OverBridge(ns, exit, candidates, events, crossedIn: null);
        if (exit.Kind != "veth" || exit.PeerIndex is not { } peerIndex) return null;
        foreach (var other in candidates)
        {
            if (Links(other).FirstOrDefault(l => l.Index == peerIndex && l.PeerIndex == exit.Index) is not { } peer) continue;
            if (peer.MasterIndex is { } master && Links(other).FirstOrDefault(l => l.Index == master) is { Kind: "bridge" } bridge
                && !Arrives(events, other, bridge.Index))
                return OverBridge(other, bridge, candidates.Where(c => c != other).ToList(), events, crossedIn: peer);
            return events.ContainsKey(other) && events[other].Count > 0 ? (other, null) : null;
        }

        return null;
    }

    // The packet crosses the bridge without entering its namespace's IP stack: it lands where the peer of one of the bridge's other ports is.
    private (Netns, string?)? OverBridge(Netns home, TraceLink bridge, List<Netns> candidates, IReadOnlyDictionary<Netns, IReadOnlyList<TraceEvent>> events, TraceLink? crossedIn)
    {
        var ports = Links(home).Where(l => l.MasterIndex == bridge.Index && l.Kind == "veth" && l.PeerIndex is not null && l.Index != crossedIn?.Index).ToList();
        foreach (var other in candidates.Where(c => events.ContainsKey(c)))
        {
            foreach (var port in ports)
            {
                if (Links(other).FirstOrDefault(l => l.Index == port.PeerIndex && l.PeerIndex == port.Index) is not { } landing) continue;
                if (!Arrives(events, other, landing.Index) && !(landing.MasterIndex is { } m && Arrives(events, other, m))) continue;
                var way = crossedIn is null ? $"bridge {bridge.Name} in {home.Display}, out by port {port.Name}" : $"bridge {bridge.Name} in {home.Display}, {crossedIn.Name} -> {port.Name}";
                return (other, way);
            }
        }

        return null;
    }

    private static bool Arrives(IReadOnlyDictionary<Netns, IReadOnlyList<TraceEvent>> events, Netns ns, int index) =>
        events.TryGetValue(ns, out var e) && e.Any(x => x.Chain == "prerouting" && x.InIndex == index);

    private IReadOnlyList<TraceLink> Links(Netns ns) => _links.TryGetValue(ns, out var known) ? known : _links[ns] = kernel.Links(ns);

    private string? Name(Netns ns, int? index) => index is { } i ? Links(ns).FirstOrDefault(l => l.Index == i)?.Name ?? $"ifindex {i}" : null;
}

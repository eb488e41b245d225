using System.Collections.Immutable;
using System.Net;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Properties;

/// <summary>A node's interface on a bridge and the addresses the file writes for it; <see cref="Automatic"/> when it writes none.</summary>
internal sealed record NodeOnBridge(string Node, string Interface, BridgeDraft Bridge, ImmutableArray<string> Written)
{
    public bool Automatic => Written.IsEmpty;
}

/// <summary>What a draft says about its interfaces, read from the draft alone.</summary>
internal static class DraftFacts
{
    public static IEnumerable<NodeOnBridge> NodesOnBridges(LabDraft draft)
    {
        var bridges = draft.Bridges.ToDictionary(b => b.Name);
        foreach (var link in draft.Links)
        {
            foreach (var (end, other) in new[] { (link.A, link.B), (link.B, link.A) })
            {
                var (owner, ifname) = Split(end);
                if (ifname is null || !draft.Nodes.Any(n => n.Name == owner)) continue;
                if (bridges.TryGetValue(Split(other).Owner, out var bridge))
                    yield return new NodeOnBridge(owner, ifname, bridge, [.. link.Addresses.Where(a => a.End == end).SelectMany(a => a.Cidrs)]);
            }
        }
    }

    /// <summary>A bridge's gateway in a family it has a subnet of: the address written for it, else the subnet's first usable one.</summary>
    public static IPAddress GatewayOf(BridgeDraft bridge, bool v6) =>
        bridge.Address is { } written && BridgeDraft.IsV6(written) == v6
            ? IPAddress.Parse(written.Split('/')[0])
            : Addresses.FirstUsable(IPNetwork.Parse(bridge.SubnetOf(v6)!));

    /// <summary>Every interface name the file writes, by namespace: bridges, and link ends with <c>:IFNAME</c>.</summary>
    public static ISet<(Netns Ns, string Name)> WrittenInterfaces(LabDraft draft)
    {
        var bridges = draft.Bridges.ToDictionary(b => b.Name);
        var written = draft.Bridges.Select(b => (b.Ns, b.Name)).ToHashSet();
        foreach (var end in draft.Links.SelectMany(l => l.Ends))
        {
            var (owner, ifname) = Split(end);
            if (ifname is null) continue;
            // A named bridge port lives where its bridge does.
            var ns = bridges.TryGetValue(owner, out var bridge) ? bridge.Ns : owner == "host" ? Netns.Host : owner;
            written.Add((ns, ifname));
        }

        return written;
    }

    public static (string Owner, string? Interface) Split(string end)
    {
        var colon = end.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (end, null) : (end[..colon], end[(colon + 1)..]);
    }
}

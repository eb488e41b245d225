using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>
/// Turns what was read into a <see cref="KernelView"/>: masters by name, veth peers and macvlan
/// parents by namespace and name. Loopback, IPv6 link-local addresses and the routes the kernel adds for addresses are
/// left out, as the lab state leaves them out: they follow from what is shown.
/// </summary>
internal static class ViewBuilder
{
    public static ImmutableArray<NamespaceView> Build(
        IReadOnlyList<NamespaceSnapshot> snapshots,
        IReadOnlyDictionary<(string Ns, int Index), (string Ns, int Index)> peers)
    {
        var byKey = snapshots.ToDictionary(s => s.Key);
        return
        [
            .. snapshots.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new NamespaceView(
                s.Key,
                Netns.IsNamed(s.Key) ? s.MarkedBy : null,
                [.. s.Links.Where(l => l.Name != "lo").OrderBy(l => l.Index).Select(l => Interface(s, l, PeerOf(byKey, peers, s.Key, l)))],
                [.. s.Routes.Where(r => r.IsUserRoute).Select(r => Route(s, r))])),
        ];
    }

    private static InterfaceView Interface(NamespaceSnapshot s, LinkInfo link, PeerView? peer) => new(
        link.Index,
        link.Name,
        link.Kind ?? "device",
        peer,
        link.MasterIndex is { } m ? s.ByIndex(m)?.Name : null,
        link.Mac,
        link.Mtu,
        link.Up,
        link.Alias,
        [.. s.Addresses.Where(a => a.Index == link.Index && !a.IsLinkLocal).Select(a => a.Cidr)])
    {
        LinkIndex = link.Kind is "veth" or "macvlan" ? link.PeerIndex : null,
        MacvlanMode = link.MacvlanMode,
    };

    private static PeerView? PeerOf(
        Dictionary<string, NamespaceSnapshot> byKey,
        IReadOnlyDictionary<(string Ns, int Index), (string Ns, int Index)> peers,
        string ns,
        LinkInfo link) =>
        peers.TryGetValue((ns, link.Index), out var p) && byKey[p.Ns].ByIndex(p.Index) is { } other
            ? new PeerView(p.Ns, other.Name, other.Index)
            : null;

    private static RouteView Route(NamespaceSnapshot s, RouteInfo route)
    {
        // IPv6's default is written as its prefix, so that it cannot be taken for IPv4's.
        var to = route.Destination.Length == 0 && route.Destination.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "::/0" : route.To;
        return new RouteView(to, route.Gateway?.ToString(), route.OutputIndex is { } oif ? s.ByIndex(oif)?.Name : null);
    }
}

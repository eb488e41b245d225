using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>
/// Finds the other end of every veth, the parent of every macvlan and the namespace of every vxlan's socket. Both report that link's index
/// (IFLA_LINK) and, when it lives elsewhere, that namespace's id as their own namespace numbers it
/// (IFLA_LINK_NETNSID). Ids mean nothing across namespaces, so the candidates (a link with that index;
/// for a veth, an end pointing back) are confirmed by asking the namespace which id it gives each
/// candidate: one round trip per namespace that has such links, no request per link.
/// </summary>
internal static class LinkPeers
{
    /// <summary>For each veth end or macvlan (namespace key, index), its peer's or parent's (namespace key, index), where that was read.</summary>
    public static Dictionary<(Netns Ns, int Index), (Netns Ns, int Index)> Resolve(
        IReadOnlyList<OpenNamespace> open, IReadOnlyDictionary<Netns, NamespaceSnapshot> snapshots)
    {
        var peers = new Dictionary<(Netns, int), (Netns, int)>();
        var byKey = open.ToDictionary(o => o.Key);
        // Where each link is, by its index, and each veth end by its index and its peer's: the
        // candidates for a link that points into another namespace are one lookup away.
        var links = snapshots.Values.SelectMany(s => s.Links.Select(l => (s.Key, l.Index))).ToLookup(e => e.Index, e => e.Key);
        var vethEnds = snapshots.Values
            .SelectMany(s => Pointing(s).Where(l => l.Kind == "veth").Select(l => (s.Key, l.Index, Peer: l.PeerIndex!.Value)))
            .ToLookup(e => (e.Index, e.Peer), e => e.Key);

        // A veth pair found from one end is found for both. The host, which holds one end of most
        // pairs, goes first: one request about N namespaces (the kernel walks its N ids for each, cheap
        // next to a round trip) spares the N namespaces a round trip each.
        foreach (var (key, snapshot) in snapshots.OrderBy(s => s.Key.IsHost ? 0 : 1))
        {
            var crossing = new List<(LinkInfo Link, List<Netns> Candidates)>();
            foreach (var link in Pointing(snapshot).Where(l => !peers.ContainsKey((key, l.Index))))
            {
                // A vxlan names no interface, only the namespace of its socket: any namespace read may be it.
                if (link.Kind == "vxlan")
                {
                    crossing.Add((link, [.. snapshots.Keys.Where(k => k != key)]));
                    continue;
                }

                var target = link.PeerIndex!.Value;
                if (link.PeerNetnsId is null)
                {
                    if (snapshot.ByIndex(target) is not null) peers[(key, link.Index)] = (key, target);
                    continue;
                }

                var candidates = (link.Kind == "veth" ? vethEnds[(target, link.Index)] : links[target]).Where(k => k != key).Distinct().ToList();
                if (candidates.Count > 0) crossing.Add((link, candidates));
            }

            if (crossing.Count == 0) continue;
            var asked = crossing.SelectMany(c => c.Candidates).Distinct().ToList();
            var ids = IdsOf(byKey[key].Client, asked.Select(a => byKey[a]).ToList());
            var idOf = asked.Zip(ids).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!.Value);
            foreach (var (link, candidates) in crossing)
            {
                if (candidates.Where(c => idOf.TryGetValue(c, out var id) && id == link.PeerNetnsId).Select(c => (Netns?)c).FirstOrDefault() is not { } match) continue;
                peers[(key, link.Index)] = (match, link.PeerIndex ?? 0);
                if (link.Kind == "veth") peers[(match, link.PeerIndex!.Value)] = (key, link.Index);
            }
        }

        return peers;
    }

    // The ids the client's namespace gives the others, asked a block of handles at a time.
    private static List<int?> IdsOf(RtnlClient client, IReadOnlyList<OpenNamespace> others)
    {
        var ids = new List<int?>(others.Count);
        foreach (var block in others.Chunk(NamespaceVisitor.HandlesAtOnce))
        {
            var handles = new List<NetnsHandle>(block.Length);
            try
            {
                foreach (var other in block) handles.Add(other.OpenHandle());
                ids.AddRange(client.NamespaceIds(handles));
            }
            finally
            {
                foreach (var h in handles) h.Dispose();
            }
        }

        return ids;
    }

    // The links that name another: veth ends (their peers), macvlans (their parents), and vxlans whose
    // socket is in another namespace (that namespace, with no interface: index 0).
    private static IEnumerable<LinkInfo> Pointing(NamespaceSnapshot snapshot) =>
        snapshot.Links.Where(l => (l.Kind is "veth" or "macvlan" or "ipvlan" or "vlan" && l.PeerIndex is not null) || (l.Kind == "vxlan" && l.PeerNetnsId is not null));
}

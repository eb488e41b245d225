using Topo.Linux.Rtnl;

namespace Topo.Linux.Reader;

/// <summary>
/// Finds the other end of every veth and the parent of every macvlan. Both report that link's index
/// (IFLA_LINK) and, when it lives elsewhere, that namespace's id as their own namespace numbers it
/// (IFLA_LINK_NETNSID). Ids mean nothing across namespaces, so the candidates (a link with that index;
/// for a veth, an end pointing back) are confirmed by asking the namespace which id it gives each
/// candidate: one round trip per namespace that has such links, no request per link.
/// </summary>
internal static class LinkPeers
{
    /// <summary>For each veth end or macvlan (namespace key, index), its peer's or parent's (namespace key, index), where that was read.</summary>
    public static Dictionary<(string Ns, int Index), (string Ns, int Index)> Resolve(
        IReadOnlyList<OpenNamespace> open, IReadOnlyDictionary<string, NamespaceSnapshot> snapshots)
    {
        var peers = new Dictionary<(string, int), (string, int)>();
        var byKey = open.ToDictionary(o => o.Key);
        foreach (var (key, snapshot) in snapshots)
        {
            var crossing = new List<(LinkInfo Link, List<string> Candidates)>();
            foreach (var link in snapshot.Links.Where(l => l.Kind is "veth" or "macvlan" && l.PeerIndex is not null))
            {
                if (link.PeerNetnsId is null)
                {
                    if (snapshot.ByIndex(link.PeerIndex!.Value) is not null) peers[(key, link.Index)] = (key, link.PeerIndex.Value);
                    continue;
                }

                var candidates = snapshots.Values
                    .Where(s => s.Key != key && s.ByIndex(link.PeerIndex!.Value) is { } p && (link.Kind == "macvlan" || (p.Kind == "veth" && p.PeerIndex == link.Index)))
                    .Select(s => s.Key)
                    .ToList();
                if (candidates.Count > 0) crossing.Add((link, candidates));
            }

            if (crossing.Count == 0) continue;
            var asked = crossing.SelectMany(c => c.Candidates).Distinct().ToList();
            var ids = byKey[key].Client.NamespaceIds(asked.Select(a => byKey[a].Handle).ToList());
            var idOf = asked.Zip(ids).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!.Value);
            foreach (var (link, candidates) in crossing)
            {
                var match = candidates.FirstOrDefault(c => idOf.TryGetValue(c, out var id) && id == link.PeerNetnsId);
                if (match is not null) peers[(key, link.Index)] = (match, link.PeerIndex!.Value);
            }
        }

        return peers;
    }
}

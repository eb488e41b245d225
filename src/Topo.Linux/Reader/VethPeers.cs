using Topo.Linux.Rtnl;

namespace Topo.Linux.Reader;

/// <summary>
/// Finds the other end of every veth. A veth reports its peer's index (IFLA_LINK) and, when the
/// peer lives elsewhere, that namespace's id as its own namespace numbers it (IFLA_LINK_NETNSID).
/// Ids mean nothing across namespaces, so the candidates (an end with that index pointing back)
/// are confirmed by asking the namespace which id it gives each candidate: one round trip per
/// namespace that has such veths, no request per link.
/// </summary>
internal static class VethPeers
{
    /// <summary>For each veth end (namespace key, index), its peer's (namespace key, index), where the peer was read.</summary>
    public static Dictionary<(string Ns, int Index), (string Ns, int Index)> Resolve(
        IReadOnlyList<OpenNamespace> open, IReadOnlyDictionary<string, NamespaceSnapshot> snapshots)
    {
        var peers = new Dictionary<(string, int), (string, int)>();
        var byKey = open.ToDictionary(o => o.Key);
        // Where each veth end is, by its own index and its peer's: the candidates for a crossing end are one lookup away.
        var ends = snapshots.Values
            .SelectMany(s => Veths(s).Select(l => (s.Key, l.Index, Peer: l.PeerIndex!.Value)))
            .ToLookup(e => (e.Index, e.Peer), e => e.Key);

        // A pair found from one end is found for both, so the host, which holds one end of most pairs,
        // goes last and rarely asks: asking it about N namespaces costs the kernel a walk of its N ids each.
        foreach (var (key, snapshot) in snapshots.OrderBy(s => s.Key.Length == 0 ? 1 : 0))
        {
            var crossing = new List<(LinkInfo Link, List<string> Candidates)>();
            foreach (var link in Veths(snapshot).Where(l => !peers.ContainsKey((key, l.Index))))
            {
                var peerIndex = link.PeerIndex!.Value;
                if (link.PeerNetnsId is null)
                {
                    if (snapshot.ByIndex(peerIndex) is not null) peers[(key, link.Index)] = (key, peerIndex);
                    continue;
                }

                var candidates = ends[(peerIndex, link.Index)].Where(k => k != key).ToList();
                if (candidates.Count > 0) crossing.Add((link, candidates));
            }

            if (crossing.Count == 0) continue;
            var asked = crossing.SelectMany(c => c.Candidates).Distinct().ToList();
            var ids = byKey[key].Client.NamespaceIds(asked.Select(a => byKey[a].Handle).ToList());
            var idOf = asked.Zip(ids).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!.Value);
            foreach (var (link, candidates) in crossing)
            {
                var match = candidates.FirstOrDefault(c => idOf.TryGetValue(c, out var id) && id == link.PeerNetnsId);
                if (match is null) continue;
                peers[(key, link.Index)] = (match, link.PeerIndex!.Value);
                peers[(match, link.PeerIndex!.Value)] = (key, link.Index);
            }
        }

        return peers;
    }

    private static IEnumerable<LinkInfo> Veths(NamespaceSnapshot snapshot) =>
        snapshot.Links.Where(l => l.Kind == "veth" && l.PeerIndex is not null);
}

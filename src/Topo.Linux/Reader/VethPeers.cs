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
        foreach (var (key, snapshot) in snapshots)
        {
            var crossing = new List<(LinkInfo Link, List<string> Candidates)>();
            foreach (var link in snapshot.Links.Where(l => l.Kind == "veth" && l.PeerIndex is not null))
            {
                if (link.PeerNetnsId is null)
                {
                    if (snapshot.ByIndex(link.PeerIndex!.Value) is not null) peers[(key, link.Index)] = (key, link.PeerIndex.Value);
                    continue;
                }

                var candidates = snapshots.Values
                    .Where(s => s.Key != key && s.ByIndex(link.PeerIndex!.Value) is { Kind: "veth" } p && p.PeerIndex == link.Index)
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

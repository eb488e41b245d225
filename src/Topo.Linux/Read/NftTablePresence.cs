using Topo.Core.State;
using Topo.Linux.Nftables;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;

namespace Topo.Linux.Read;

/// <summary>
/// Which namespaces hold an <c>ip</c> nftables table of a given name, asked over nfnetlink
/// (NFT_MSG_GETTABLE, one small request each) rather than through a libnftables context per
/// namespace: the lab's nodes rarely hold its table, and a context costs a thread, its cache and
/// hundreds of kilobytes each. Only a namespace that holds the table is then read in full.
/// </summary>
internal static class NftTablePresence
{
    /// <summary>The names among <paramref name="namespaces"/> (named namespaces in <paramref name="directory"/>) that hold <paramref name="table"/>.</summary>
    public static HashSet<Netns> Holding(NetnsDirectory directory, IReadOnlyCollection<Netns> namespaces, string table)
    {
        var holding = new HashSet<Netns>();
        using var visitor = new NamespaceVisitor();
        // A block at a time: a handle and a socket for each of 10,000 namespaces at once are past a container's limit.
        foreach (var block in namespaces.Chunk(OpenNamespace.HandlesAtOnce))
        {
            // One deleted since it was read holds nothing.
            var handles = directory.OpenHandles(block);
            var sockets = new List<NetlinkSocket?>();
            try
            {
                sockets = visitor.OpenIn(handles, () => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter));
                for (var i = 0; i < handles.Count; i++)
                {
                    if (sockets[i] is { } socket && NftTableLookup.Find(socket, handles[i].Name, table) is not null) holding.Add(Netns.Of(handles[i].Name));
                }
            }
            finally
            {
                foreach (var s in sockets) s?.Dispose();
                foreach (var h in handles) h.Dispose();
            }
        }

        return holding;
    }
}

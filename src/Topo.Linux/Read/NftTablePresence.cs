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
        foreach (var block in visitor.OpenByBlock(directory, namespaces, () => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter)))
        {
            try
            {
                foreach (var (ns, socket) in block)
                {
                    if (NftTableLookup.Find(socket, ns.Id, table) is not null) holding.Add(ns);
                }
            }
            finally
            {
                foreach (var (_, socket) in block) socket.Dispose();
            }
        }

        return holding;
    }
}

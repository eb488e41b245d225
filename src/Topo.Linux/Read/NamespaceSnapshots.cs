using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>
/// One read of the host and the chosen named namespaces: every link, address and route (and the forwarding entries
/// of the namespaces that hold a VXLAN device, so a lab without one reads no more), with the
/// veth peers resolved between them. Each kind of dump is in flight in all namespaces at once. The
/// lab state (<see cref="KernelReader"/>) and <c>topo inspect</c> are both built from it by <see cref="StateBuilder"/>; the indexes,
/// kinds and aliases that only inspect and export use ride along as <see cref="Topo.Core.State.InterfaceFacts"/>.
/// </summary>
internal static class NamespaceSnapshots
{
    /// <param name="wants">How much of a named namespace is read, given its name and the lab its loopback's mark names (or null). The host is read whole.</param>
    /// <param name="attached">Namespaces read by their paths, whole as the host is, whatever they hold (one that is not there is left out).</param>
    public static NamespaceRead Read(
        NamespaceThread host, NetnsDirectory directory, Func<string, string?, ReadDepth> wants, IEnumerable<Netns>? attached = null)
    {
        var open = new List<OpenNamespace>();
        try
        {
            open.Add(OpenNamespace.Host(host));
            using (var visitor = new NamespaceVisitor())
                open.AddRange(OpenNamespace.OpenAll(directory, [.. directory.List().Select(Netns.Of), .. attached ?? []], visitor));

            var links = Collect(open, o => o.Client.StartLinks(), LinkInfo.Parse);
            // A namespace is known as a lab's only by its loopback's mark, so every namespace's links are read first.
            var depth = open.ToDictionary(
                o => o.Key,
                o => !o.Key.IsNamed ? ReadDepth.Everything : wants(o.Key.Id, NamespaceSnapshot.MarkOf(links[o.Key])));
            var read = open.Where(o => depth[o.Key] != ReadDepth.None).ToList();
            var whole = read.Where(o => depth[o.Key] == ReadDepth.Everything).ToList();
            var addresses = Collect(whole, o => o.Client.StartAddresses(), AddressInfo.Parse);
            var routes = Collect(whole, o => o.Client.StartRoutes(), RouteInfo.Parse);
            var qdiscs = Collect(whole, o => o.Client.StartQdiscs(), QdiscInfo.Parse);
            var fdb = Collect(whole.Where(o => Vxlans(links[o.Key]).Any()).ToList(), o => StartFdb(o, links[o.Key]), FdbEntry.Parse);

            var snapshots = read.Select(o => new NamespaceSnapshot(o.Key, links[o.Key], addresses.GetValueOrDefault(o.Key) ?? [], routes.GetValueOrDefault(o.Key) ?? [])
            {
                Fdb = fdb.GetValueOrDefault(o.Key) ?? [],
                Qdiscs = qdiscs.GetValueOrDefault(o.Key) ?? [],
            }).ToList();
            return new NamespaceRead(snapshots, LinkPeers.Resolve(read, snapshots.ToDictionary(s => s.Key)));
        }
        finally
        {
            foreach (var o in open) o.Dispose();
        }
    }

    private static IEnumerable<LinkInfo> Vxlans(IEnumerable<LinkInfo> links) => links.Where(l => l.Kind == "vxlan");

    // Only the entries of a namespace's one VXLAN device when it has one: a dump of them all would bring every
    // port's entries of a bridge of hundreds along. With several, one dump of all (a socket runs one dump at a time).
    private static PendingDump StartFdb(OpenNamespace o, IEnumerable<LinkInfo> links)
    {
        var vxlans = Vxlans(links).Take(2).ToList();
        return o.Client.StartFdb(vxlans.Count == 1 ? vxlans[0].Index : null);
    }

    private static Dictionary<Netns, List<T>> Collect<T>(IReadOnlyList<OpenNamespace> namespaces, Func<OpenNamespace, PendingDump> start, MessageParser<T> parse)
    {
        var pending = namespaces.Select(o => (o.Key, Dump: start(o))).ToList();
        return pending.ToDictionary(p => p.Key, p => p.Dump.Collect(parse));
    }
}

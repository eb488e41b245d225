using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Reader;

/// <summary>
/// One read of the host and the chosen named namespaces: every link, address and route, with the
/// veth peers resolved between them. Each kind of dump is in flight in all namespaces at once. The
/// lab state (<see cref="KernelReader"/>) and <c>topo inspect</c> are both built from it; inspect keeps
/// the indexes and aliases that the lab state has no use for.
/// </summary>
internal static class NamespaceSnapshots
{
    /// <param name="wants">Whether a named namespace is read, given its name and the lab its loopback's mark names (or null).</param>
    /// <param name="attached">Namespaces read by their paths, as the host is, whatever they hold (one that is not there is left out).</param>
    public static (List<NamespaceSnapshot> Snapshots, Dictionary<(string Ns, int Index), (string Ns, int Index)> Peers) Read(
        NamespaceThread host, NetnsDirectory directory, Func<string, string?, bool> wants, IEnumerable<string>? attached = null)
    {
        var open = new List<OpenNamespace>();
        try
        {
            open.Add(OpenNamespace.Host(host));
            using (var visitor = new NamespaceVisitor()) open.AddRange(OpenNamespace.OpenAll(directory, [.. directory.List(), .. attached ?? []], visitor));

            var links = Collect(open, c => c.StartLinks(), LinkInfo.Parse);
            // A namespace is known as a lab's only by its loopback's mark, so every namespace's links are read first.
            var read = open
                .Where(o => !Netns.IsNamed(o.Key) || wants(o.Key, Ownership.LabOf(links[o.Key].FirstOrDefault(l => l.Name == "lo")?.Alias)))
                .ToList();
            var addresses = Collect(read, c => c.StartAddresses(), AddressInfo.Parse);
            var routes = Collect(read, c => c.StartRoutes(), RouteInfo.Parse);

            var snapshots = read.Select(o => new NamespaceSnapshot(o.Key, links[o.Key], addresses[o.Key], routes[o.Key])).ToList();
            return (snapshots, VethPeers.Resolve(read, snapshots.ToDictionary(s => s.Key)));
        }
        finally
        {
            foreach (var o in open) o.Dispose();
        }
    }

    private static Dictionary<string, List<T>> Collect<T>(IReadOnlyList<OpenNamespace> namespaces, Func<RtnlClient, PendingDump> start, MessageParser<T> parse)
    {
        var pending = namespaces.Select(o => (o.Key, Dump: start(o.Client))).ToList();
        return pending.ToDictionary(p => p.Key, p => p.Dump.Collect(parse));
    }
}

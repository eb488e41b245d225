using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Reader;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Inspect;

/// <summary>
/// Reads the host and the chosen namespaces whole (every link, address and route, the kernel's own
/// included) with the veth peers resolved between them. Unlike <see cref="KernelReader"/> it keeps
/// indexes and aliases, which inspect shows and the lab state has no use for.
/// </summary>
internal static class SnapshotReader
{
    public static (List<NamespaceSnapshot> Snapshots, Dictionary<(string Ns, int Index), (string Ns, int Index)> Peers) Read(
        NamespaceThread host, NetnsDirectory directory, NamespaceChoice choice)
    {
        var open = new List<OpenNamespace>();
        try
        {
            open.Add(OpenNamespace.Host(host));
            using (var visitor = new NamespaceVisitor()) open.AddRange(OpenNamespace.OpenAll(directory, directory.List(), visitor));

            // A namespace is known as a lab's only by its loopback's alias: every namespace's links come first.
            var linkDumps = open.Select(o => o.Client.StartLinks()).ToList();
            var links = linkDumps.Select(d => d.Collect(LinkInfo.Parse)).ToList();
            var chosen = Enumerable.Range(0, open.Count)
                .Where(i => open[i].Key.Length == 0 || choice.Wants(open[i].Key, Ownership.LabOf(links[i].FirstOrDefault(l => l.Name == "lo")?.Alias)))
                .ToList();
            var addressDumps = chosen.Select(i => open[i].Client.StartAddresses()).ToList();
            var addresses = addressDumps.Select(d => d.Collect(AddressInfo.Parse)).ToList();
            var routeDumps = chosen.Select(i => open[i].Client.StartRoutes()).ToList();
            var routes = routeDumps.Select(d => d.Collect(RouteInfo.Parse)).ToList();

            var snapshots = chosen.Select((i, n) => new NamespaceSnapshot(open[i].Key, links[i], addresses[n], routes[n])).ToList();
            var peers = VethPeers.Resolve([.. chosen.Select(i => open[i])], snapshots.ToDictionary(s => s.Key));
            return (snapshots, peers);
        }
        finally
        {
            foreach (var o in open) o.Dispose();
        }
    }
}

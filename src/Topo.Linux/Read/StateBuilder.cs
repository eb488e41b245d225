using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Kinds;

namespace Topo.Linux.Read;

/// <summary>
/// Turns what was read into resources, the same shape the validation stage builds from a file: each
/// interface as its kind's driver reads it (<see cref="KindDrivers"/>), one of a kind topo does not make
/// as an <see cref="OtherLinkResource"/>, and the namespaces, addresses, VXLAN forwarding entries and routes of each snapshot. The
/// kernel's own additions (loopback, IPv6 link-local addresses, <c>proto kernel</c> routes, other tables)
/// are left out. Resources come in the order the kernel listed them (inspect shows routes and addresses so);
/// each interface's end carries what the kernel reports beyond its settings (<see cref="InterfaceFacts"/>).
/// </summary>
internal static class StateBuilder
{
    public static LabState Build(
        string lab,
        IReadOnlyDictionary<Netns, NamespaceSnapshot> snapshots,
        IReadOnlyDictionary<(Netns Ns, int Index), (Netns Ns, int Index)> peers)
    {
        var resources = new OrderedDictionary<ResourceKey, Resource>();
        // Of two objects read under one key (a veth from both ends, two routes to one destination with
        // metrics apart), the first is kept, unless a later one is the lab's: that one is compared.
        void Add(Resource r)
        {
            if (r.Owner is null) resources.TryAdd(r.Key, r);
            else resources[r.Key] = r;
        }

        // The host and an attached namespace are nobody's: only what the lab marked inside them is its.
        var namespaceOwners = snapshots.ToDictionary(s => s.Key, s => s.Key.IsNamed ? s.Value.MarkedBy : null);
        foreach (var (key, snapshot) in snapshots)
        {
            if (NamespaceDriver.Read(snapshot, namespaceOwners[key]) is { } ns) Add(ns);
            foreach (var link in snapshot.Links.Where(l => l.Name != "lo"))
            {
                var end = LinkRead.EndOf(snapshot, link, LinkRead.OtherOf(snapshots, peers, snapshot, link));
                var read = new LinkRead(snapshot, link, end, Ownership.LabOf(link.Alias), snapshots, namespaceOwners, peers);
                Add(KindDrivers.ForLink(link.Kind)?.Read(read) ?? new OtherLinkResource(read.End, link.Kind ?? "device") { Owner = read.Owner });
            }

            foreach (var port in BridgePortDriver.Read(snapshot)) Add(port);
            foreach (var address in AddressDriver.Read(snapshot)) Add(address);
            foreach (var entry in FdbDriver.Read(snapshot, device => resources.GetValueOrDefault(new ResourceKey(ResourceKind.Link, key, device))?.Owner)) Add(entry);
            foreach (var qdisc in QdiscDriver.Read(snapshot)) Add(qdisc);
            foreach (var route in RouteDriver.Read(snapshot, namespaceOwners[key])) Add(route);
        }

        return new LabState(lab, [.. resources.Values]) { Namespaces = [.. snapshots.Keys.Order()] };
    }
}

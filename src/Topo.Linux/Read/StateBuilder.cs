using System.Collections.Immutable;
using System.Net.Sockets;
using Topo.Core.State;
using Topo.Linux.Rtnl;
using Topo.Core.Kinds;

namespace Topo.Linux.Read;

/// <summary>
/// Turns what was read into resources, the same shape the validation stage builds from a file:
/// owners from the alias marks and, outside the lab's namespaces, a route's protocol (a veth pair is the lab's when either end carries its mark, or when both
/// ends are in its namespaces: topo marks the end a pair is made beside in the request after the one that
/// makes it, in the same datagram, so only a pair made from the host into two of the lab's namespaces can
/// be caught unmarked by a kill; one end moved into a lab namespace by hand does not make a pair the lab's),
/// veth pairs with both ends (canonical order),
/// macvlans with their parents, interfaces by name.
/// The kernel's own additions (loopback, IPv6 link-local addresses, <c>proto kernel</c> routes,
/// other tables) are left out.
/// </summary>
internal static class StateBuilder
{
    public static LabState Build(
        string lab,
        IReadOnlyDictionary<string, NamespaceSnapshot> snapshots,
        IReadOnlyDictionary<(string Ns, int Index), (string Ns, int Index)> peers)
    {
        var resources = new Dictionary<ResourceKey, Resource>();
        void Add(Resource r) => resources.TryAdd(r.Key, r);

        // The host and an attached namespace are nobody's: only what the lab marked inside them is its.
        var namespaceOwners = snapshots.ToDictionary(s => s.Key, s => Netns.IsNamed(s.Key) ? s.Value.MarkedBy : null);
        foreach (var (key, snapshot) in snapshots)
        {
            var namespaceOwner = namespaceOwners[key];
            if (Netns.IsNamed(key))
                Add(new NamespaceResource(key) { Owner = namespaceOwner, LoopbackUp = snapshot.Links.FirstOrDefault(l => l.Name == "lo")?.Up ?? false });

            foreach (var link in snapshot.Links.Where(l => l.Name != "lo"))
            {
                var end = EndOf(snapshot, link);
                var owner = Ownership.LabOf(link.Alias);
                if (link.Kind == "bridge")
                {
                    Add(new BridgeResource(end) { Owner = owner });
                }
                else if (link.Kind == "veth" && peers.TryGetValue((key, link.Index), out var peer) && snapshots[peer.Ns].ByIndex(peer.Index) is { } other)
                {
                    var otherEnd = EndOf(snapshots[peer.Ns], other);
                    var pairOwner = owner ?? Ownership.LabOf(other.Alias) ?? (namespaceOwner == namespaceOwners[peer.Ns] ? namespaceOwner : null);
                    ImmutableArray<ResourceKey> unmarked = pairOwner is null
                        ? []
                        : [.. new[] { (End: end, Mark: owner), (End: otherEnd, Mark: Ownership.LabOf(other.Alias)) }.Where(e => e.Mark != pairOwner).Select(e => e.End.Key)];
                    Add(VethResource.Of(end, otherEnd) with { Owner = pairOwner, Unmarked = unmarked });
                }
                else if (link.Kind == "macvlan")
                {
                    var parent = peers.TryGetValue((key, link.Index), out var lower) && snapshots[lower.Ns].ByIndex(lower.Index) is { } p
                        ? new ResourceKey(ResourceKind.Link, lower.Ns, p.Name)
                        : (ResourceKey?)null;
                    var macvlanOwner = owner ?? namespaceOwner;
                    Add(new MacvlanResource(end, parent, link.MacvlanMode) { Owner = macvlanOwner, Marked = owner is not null || macvlanOwner is null });
                }
                else
                {
                    Add(new OtherLinkResource(end, link.Kind ?? "device") { Owner = owner });
                }
            }

            foreach (var address in snapshot.Addresses.Where(a => !a.IsLinkLocal))
            {
                if (snapshot.ByIndex(address.Index) is not { Name: not "lo" } link) continue;
                Add(new AddressResource(key, link.Name, address.Cidr) { Owner = Ownership.LabOf(link.Alias) });
            }

            foreach (var route in snapshot.Routes.Where(r => r.IsUserRoute))
            {
                var device = route.OutputIndex is { } oif ? snapshot.ByIndex(oif) : null;
                // Everything in a lab's namespace is the lab's. The host's table is the machine's: there a route
                // is the lab's only if topo made it (its protocol) through an interface of the lab.
                var owner = namespaceOwner ?? (route.Protocol == Rta.ProtoTopo ? Ownership.LabOf(device?.Alias) : null);
                var read = new RouteResource(key, Destination(route), route.Gateway?.ToString(), device?.Name) { Owner = owner };
                // Of two routes to one destination (metrics apart), the lab's own is the one compared.
                if (owner is null) Add(read);
                else resources[read.Key] = read;
            }
        }

        return new LabState(lab, [.. resources.Values.OrderBy(r => r.Key)]);
    }

    // Both families have a default route; IPv6's is keyed by its prefix so the two do not collide.
    private static string Destination(RouteInfo route) =>
        route.Destination.Length == 0 && route.Destination.Family == AddressFamily.InterNetworkV6 ? "::/0" : route.To;

    private static LinkEnd EndOf(NamespaceSnapshot snapshot, LinkInfo link) =>
        new(snapshot.Key, link.Name, link.MasterIndex is { } m ? snapshot.ByIndex(m)?.Name : null, link.Mtu, link.Mac, link.Up, link.Hairpin);
}

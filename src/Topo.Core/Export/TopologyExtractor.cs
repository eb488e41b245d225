using System.Collections.Immutable;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// Works out the lab file that rebuilds a <see cref="KernelView"/>: each namespace a node, each
/// bridge a bridge, each veth pair a link whose ends are named as the file names them (a bridge
/// port as <c>BRIDGE:IFNAME</c>, a host end as <c>host:IFNAME</c>), addresses written out, routes
/// the kernel did not add itself, and MTUs that are not the default. What the file cannot say is
/// told back as a warning, never silently dropped.
/// </summary>
internal sealed class TopologyExtractor(KernelView view, ExportOptions options)
{
    private const int DefaultMtu = 1500;
    private readonly List<string> _warnings = [];
    private readonly NatRecovery _nat = NatRecovery.From(view.NatRules.Select(n => n.Rule));

    public (ExportedLab Lab, ImmutableArray<string> Warnings) Extract()
    {
        var links = Links();
        var bridges = Bridges();
        var nodes = view.Namespaces.Where(n => n.Name.Length != 0).Select(Node).ToImmutableArray();
        var hostRoutes = HostRoutes();
        var hostSysctls = options.IncludeHost && view.Find(Netns.Host) is { } host ? Changed(host) : ImmutableSortedDictionary<string, string>.Empty;
        return (new ExportedLab(options.Lab, hostSysctls, hostRoutes, bridges, nodes, links), [.. _warnings]);
    }

    private IEnumerable<(NamespaceView Ns, InterfaceView Link)> All(string kind) =>
        view.Namespaces.SelectMany(n => n.Interfaces.Where(i => i.Kind == kind).Select(i => (n, i)));

    private static string? NetworkOf(InterfaceView bridge) => bridge.Addresses.FirstOrDefault() is { } a ? CidrText.Network(a) : null;

    private ImmutableArray<ExportedBridge> Bridges()
    {
        var all = All("bridge").ToList();
        var order = BridgeOrder.Of([.. all.Select(b => (b.Link.Name, NetworkOf(b.Link)))], [.. view.NatRules.Select(r => r.Rule)]);
        return [.. all.OrderBy(b => order.IndexOf(b.Link.Name)).Select(Bridge)];
    }

    private ExportedBridge Bridge((NamespaceView Ns, InterfaceView Link) b)
    {
        var (ns, bridge) = b;
        var node = ns.Name.Length == 0 ? null : ns.Name;
        var network = bridge.Addresses.FirstOrDefault() is { } first ? CidrText.Network(first) : null;
        var masquerade = network is not null && _nat.MasqueradedSubnets.Contains(network);
        var isolated = _nat.IsolatedBridges.Contains(bridge.Name);
        if (bridge.Addresses.Length > 1)
            _warnings.Add($"bridge {Where(ns, bridge)}: only its first address {bridge.Addresses[0]} is exported, not {string.Join(", ", bridge.Addresses.Skip(1))}");
        var mac = options.IncludeMacs ? bridge.Mac : null;
        var mtu = BridgeMtu(ns, bridge);
        if (network is null) return new ExportedBridge(bridge.Name, node, null, null, false, isolated, mac, mtu);

        // With subnet: the bridge is a gateway, a port's node without a written address would get one
        // from the pool, and every address on the far ends must lie in the subnet.
        var peers = PortPeers(ns, bridge.Name).ToList();
        var portsAddressed = peers.All(p => p.End.Addresses.All(a => CidrText.Fits(a, network))) &&
                             peers.Where(p => p.Node && p.End.Master is null).All(p => !p.End.Addresses.IsEmpty);
        if (!portsAddressed && masquerade)
            _warnings.Add($"bridge {Where(ns, bridge)}: masquerade needs subnet:, which would give its unaddressed ports an address; exported without masquerade");
        return portsAddressed
            ? new ExportedBridge(bridge.Name, node, network, CidrText.Address(bridge.Addresses[0]), masquerade, isolated, mac, mtu)
            : new ExportedBridge(bridge.Name, node, null, bridge.Addresses[0], false, isolated, mac, mtu);
    }

    // A bridge's MTU follows its ports (the smallest; 1500 without any) unless it was set: only a set one is worth writing.
    private static int? BridgeMtu(NamespaceView ns, InterfaceView bridge)
    {
        var ports = ns.Interfaces.Where(i => i.Master == bridge.Name).Select(i => i.Mtu).ToList();
        return bridge.Mtu == (ports.Count == 0 ? DefaultMtu : ports.Min()) ? null : bridge.Mtu;
    }

    // The far ends of a bridge's ports; the pool serves those in a node that are enslaved to nothing.
    private IEnumerable<(InterfaceView End, bool Node)> PortPeers(NamespaceView ns, string bridge) =>
        ns.Interfaces
            .Where(i => i.Master == bridge && i.Peer is not null)
            .Select(i => (End: view.Find(i.Peer!.Namespace)?.Find(i.Peer.Name), Node: i.Peer!.Namespace.Length > 0))
            .Where(p => p.End is not null)
            .Select(p => (p.End!, p.Node));

    private ImmutableArray<ExportedLink> Links()
    {
        var links = ImmutableArray.CreateBuilder<ExportedLink>();
        var seen = new HashSet<(string, string)>();
        foreach (var (ns, end) in All("veth"))
        {
            if (end.Peer is not { } peer || view.Find(peer.Namespace) is not { } peerNs || peerNs.Find(peer.Name) is not { } other)
            {
                _warnings.Add($"veth {Where(ns, end)}: its other end is in no namespace exported; left out");
                continue;
            }

            if (!seen.Add((ns.Name, end.Name))) continue;
            seen.Add((peerNs.Name, other.Name));
            // The node's end first, the bridge or host end second, as people write them.
            var (a, b) = Rank(ns, end) <= Rank(peerNs, other) ? ((ns, end), (peerNs, other)) : ((peerNs, other), (ns, end));
            links.Add(Link(a, b));
        }

        // By the node's end, so the file reads node by node; addresses are written out, so link order assigns nothing.
        return [.. links.OrderBy(l => l.A, StringComparer.Ordinal)];
    }

    private static int Rank(NamespaceView ns, InterfaceView end) => end.Master is not null ? 2 : ns.Name.Length == 0 ? 1 : 0;

    private ExportedLink Link((NamespaceView Ns, InterfaceView End) a, (NamespaceView Ns, InterfaceView End) b)
    {
        var (endA, endB) = (Endpoint(a.Ns, a.End), Endpoint(b.Ns, b.End));
        int? mtu = null;
        if (a.End.Mtu != b.End.Mtu)
            _warnings.Add($"veth {endA} <-> {endB}: the ends' MTUs differ ({a.End.Mtu}, {b.End.Mtu}); a link has one MTU, left at the default");
        else if (a.End.Mtu != DefaultMtu) mtu = a.End.Mtu;
        foreach (var (ns, end) in new[] { a, b }.Where(e => !e.End.Up))
            _warnings.Add($"veth {Where(ns, end)} is down; topo brings every link up");
        var addresses = new[] { (endA, a.End), (endB, b.End) }
            .Where(e => !e.Item2.Addresses.IsEmpty)
            .Select(e => (e.Item1, e.Item2.Addresses))
            .ToImmutableArray();
        var macs = new[] { (endA, a.End.Mac), (endB, b.End.Mac) }
            .Where(e => options.IncludeMacs && e.Mac is not null)
            .Select(e => (e.Item1, e.Mac!))
            .ToImmutableArray();
        return new ExportedLink(endA, endB, addresses, mtu, macs);
    }

    private static string Endpoint(NamespaceView ns, InterfaceView end) =>
        end.Master is { } bridge ? $"{bridge}:{end.Name}" : $"{ns.Display}:{end.Name}";

    private ExportedNode Node(NamespaceView ns)
    {
        foreach (var other in ns.Interfaces.Where(i => i.Kind is not ("veth" or "bridge")))
            _warnings.Add($"interface {Where(ns, other)} is a {other.Kind}; topo makes only veth pairs and bridges, left out");
        var routes = Routes(ns);
        var ports = _nat.PortsTo(ns.Interfaces.SelectMany(i => i.Addresses));
        return new ExportedNode(ns.Name, Changed(ns), routes, ports);
    }

    // A new namespace forwards nothing: only a switched-on sysctl says something.
    private static ImmutableSortedDictionary<string, string> Changed(NamespaceView ns) =>
        ns.Sysctls.Where(s => s.Value != "0").ToImmutableSortedDictionary(StringComparer.Ordinal);

    private ImmutableArray<ExportedRoute> HostRoutes()
    {
        if (view.Find(Netns.Host) is not { } host) return [];
        if (options.IncludeHost) return Routes(host);
        foreach (var route in host.Routes) _warnings.Add($"host route {route.Text}: not exported without --include-host");
        return [];
    }

    private ImmutableArray<ExportedRoute> Routes(NamespaceView ns)
    {
        var devices = ns.Interfaces.Where(i => i.Kind is "veth" or "bridge").Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var routes = ImmutableArray.CreateBuilder<ExportedRoute>();
        foreach (var route in ns.Routes)
        {
            if (route.Dev is not null && !devices.Contains(route.Dev))
            {
                _warnings.Add($"route {route.Text} in {ns.Display}: its device is not exported; left out");
                continue;
            }

            // The kernel names the device of a route via a gateway by itself: the gateway says it all.
            routes.Add(new ExportedRoute(route.To, route.Via, route.Via is null ? route.Dev : null));
        }

        return routes.ToImmutable();
    }

    private static string Where(NamespaceView ns, InterfaceView i) => $"{ns.Display}:{i.Name}";
}

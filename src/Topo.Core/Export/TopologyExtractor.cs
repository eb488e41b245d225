using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Export;

/// <summary>
/// Works out the lab file that rebuilds a <see cref="KernelView"/>: each namespace a node, each
/// bridge a bridge, each veth pair a link whose ends are named as the file names them (a bridge
/// port as <c>BRIDGE:IFNAME</c>, a host end as <c>host:IFNAME</c>), each bridge-mode macvlan a
/// macvlan link on its parent, addresses written out, routes
/// the kernel did not add itself, and MTUs that are not the default. What the file cannot say is
/// told back as a warning, never silently dropped.
/// </summary>
internal sealed class TopologyExtractor(KernelView view, ExportOptions options)
{
    /// <summary>The MTU a veth or a bridge gets when none is asked for.</summary>
    public const int DefaultMtu = 1500;
    private readonly List<string> _warnings = [];
    private readonly NatRecovery _nat = NatRecovery.From(view.NatRules.Select(n => n.Rule).Concat(HandMadeMasquerades(view)));

    public (ExportedLab Lab, ImmutableArray<string> Warnings) Extract()
    {
        var links = Links();
        var macvlans = Macvlans();
        var bridges = Bridges();
        var nodes = view.Namespaces.Where(n => n.Name.Length != 0).Select(Node).ToImmutableArray();
        var hostRoutes = HostRoutes();
        var hostSysctls = options.IncludeHost && view.Find(Netns.Host) is { } host ? Changed(host) : ImmutableSortedDictionary<string, string>.Empty;
        LeftOutRules(bridges);
        return (new ExportedLab(options.Lab, hostSysctls, hostRoutes, bridges, nodes, links, macvlans), [.. _warnings]);
    }

    // A script's masquerade of a bridge's subnet is what the bridge's masquerade: true makes.
    private static IEnumerable<NftRule> HandMadeMasquerades(KernelView view) =>
        view.Namespaces.SelectMany(n => n.HandMadeRules).Where(r => r.MasqueradedSubnet is not null).Select(r => new MasqueradeRule(r.MasqueradedSubnet!));

    /// <summary>Every hand-made nftables rule that no exported bridge's masquerade stands for is named, never dropped in silence.</summary>
    private void LeftOutRules(ImmutableArray<ExportedBridge> bridges)
    {
        var masqueraded = bridges.Where(b => b.Masquerade && b.Subnet is not null).Select(b => b.Subnet!).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in view.Namespaces)
        {
            foreach (var rule in ns.HandMadeRules.Where(r => r.MasqueradedSubnet is null || !masqueraded.Contains(r.MasqueradedSubnet)))
                _warnings.Add($"nftables table {rule.Table} in {ns.Display}: rule '{rule.Text}' is not exported (a lab file says only its bridges' masquerade, isolation and ports)");
        }
    }

    private IEnumerable<(NamespaceView Ns, InterfaceView Link)> All(string kind) =>
        view.Namespaces.SelectMany(n => n.Interfaces.Where(i => i.Kind == kind).Select(i => (n, i)));

    private ImmutableArray<ExportedBridge> Bridges()
    {
        var (bridges, warnings) = new BridgeExtractor(view, options, _nat).Extract([.. All("bridge")]);
        _warnings.AddRange(warnings);
        return bridges;
    }

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

    /// <summary>
    /// A parent outside the namespaces shown (the machine's own uplink) is still named: the file can
    /// name a host interface it does not make. MTU is written when it is not the parent's, which a macvlan takes by default.
    /// </summary>
    private ImmutableArray<ExportedMacvlan> Macvlans()
    {
        var macvlans = ImmutableArray.CreateBuilder<ExportedMacvlan>();
        foreach (var (ns, device) in All("macvlan"))
        {
            if (device.Peer is not { } parent)
            {
                _warnings.Add($"macvlan {Where(ns, device)}: its parent is in no namespace read; left out");
                continue;
            }

            if (device.MacvlanMode is { } mode && mode != MacvlanResource.BridgeMode)
            {
                _warnings.Add($"macvlan {Where(ns, device)} is in mode {mode}; topo makes only mode bridge, left out");
                continue;
            }

            var lower = view.Find(parent.Namespace)?.Find(parent.Name);
            var parentText = lower?.Kind == "bridge" ? parent.Name : $"{Netns.Display(parent.Namespace)}:{parent.Name}";
            if (!device.Up) _warnings.Add($"macvlan {Where(ns, device)} is down; topo brings every link up");
            macvlans.Add(new ExportedMacvlan(
                parentText,
                Where(ns, device),
                device.Addresses,
                device.Mtu != (lower?.Mtu ?? DefaultMtu) ? device.Mtu : null,
                options.IncludeMacs ? device.Mac : null));
        }

        return [.. macvlans.OrderBy(m => m.Endpoint, StringComparer.Ordinal)];
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
        foreach (var other in ns.Interfaces.Where(i => i.Kind is not ("veth" or "bridge" or "macvlan")))
            _warnings.Add($"interface {Where(ns, other)} is a {other.Kind}; topo makes only veth pairs, bridges and macvlans, left out");
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
        var devices = ns.Interfaces.Where(i => i.Kind is "veth" or "bridge" or "macvlan").Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
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

    public static string Where(NamespaceView ns, InterfaceView i) => $"{ns.Display}:{i.Name}";
}

using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Export;

/// <summary>
/// Works out the lab file that rebuilds a state read from the kernel (<see cref="HeldState"/>): each namespace a node, each
/// bridge a bridge, each veth pair a link whose ends are named as the file names them (a bridge
/// port as <c>BRIDGE:IFNAME</c>, a host end as <c>host:IFNAME</c>), each bridge-mode macvlan a
/// macvlan link on its parent, addresses written out, routes
/// the kernel did not add itself, and MTUs that are not the default. What the file cannot say is
/// told back as a warning, never silently dropped.
/// </summary>
internal sealed class TopologyExtractor(HeldState view, ExportOptions options)
{
    /// <summary>The MTU a veth or a bridge gets when none is asked for.</summary>
    public const int DefaultMtu = 1500;
    private readonly List<string> _warnings = [];
    private readonly NatRecovery _nat = NatRecovery.From(view.NatRules.Concat(HandMadeMasquerades(view.State)));

    public (ExportedLab Lab, ImmutableArray<string> Warnings) Extract()
    {
        var links = Links();
        var macvlans = Macvlans();
        var bridges = Bridges();
        var nodes = view.Namespaces.Where(n => !n.IsHost).Select(Node).ToImmutableArray();
        var hostRoutes = HostRoutes();
        var hostSysctls = options.IncludeHost && view.Holds(Netns.Host) ? Changed(Netns.Host) : ImmutableSortedDictionary<string, string>.Empty;
        LeftOutRules(bridges);
        return (new ExportedLab(options.Lab, hostSysctls, hostRoutes, bridges, nodes, links, macvlans) { Vxlans = Vxlans() }, [.. _warnings]);
    }

    // A script's masquerade of a bridge's subnet is what the bridge's masquerade: true makes.
    private static IEnumerable<(Netns, NftRule)> HandMadeMasquerades(LabState state) =>
        state.HandMadeRules.Where(r => r.MasqueradedSubnet is not null).Select(r => (r.Namespace, (NftRule)new MasqueradeRule(r.MasqueradedSubnet!)));

    /// <summary>Every hand-made nftables rule that no exported bridge's masquerade stands for is named, never dropped in silence.</summary>
    private void LeftOutRules(ImmutableArray<ExportedBridge> bridges)
    {
        var masqueraded = bridges.Where(b => b.Masquerade).SelectMany(b => b.Subnets.Select(s => s.Network)).ToHashSet(StringComparer.Ordinal);
        foreach (var rule in view.State.HandMadeRules.OrderBy(r => r.Namespace).Where(r => r.MasqueradedSubnet is null || !masqueraded.Contains(r.MasqueradedSubnet)))
            _warnings.Add($"nftables table {rule.Table} in {rule.Namespace.Display}: rule '{rule.Text}' is not exported (a lab file says only its bridges' masquerade, isolation and ports)");
    }

    private IEnumerable<(Netns Ns, HeldInterface Link)> All(string kind) =>
        view.Namespaces.SelectMany(n => view.Interfaces(n).Where(i => i.Kind == kind).Select(i => (n, i)));

    private ImmutableArray<ExportedBridge> Bridges()
    {
        var (bridges, warnings) = new BridgeExtractor(view, options, _nat).Extract([.. All("bridge")]);
        _warnings.AddRange(warnings);
        return bridges;
    }

    private ImmutableArray<ExportedLink> Links()
    {
        var links = ImmutableArray.CreateBuilder<ExportedLink>();
        var seen = new HashSet<(Netns, string)>();
        foreach (var (ns, end) in All("veth"))
        {
            if (view.Find(end.Facts.Peer) is not { } other)
            {
                _warnings.Add($"veth {Where(ns, end)}: its other end is in no namespace exported; left out");
                continue;
            }

            var peerNs = other.End.Namespace;
            if (!seen.Add((ns, end.Name))) continue;
            seen.Add((peerNs, other.Name));
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
        foreach (var (ns, device) in All("dummy"))
        {
            if (device.End.Up != true) _warnings.Add($"dummy {Where(ns, device)} is down; topo brings every link up");
            macvlans.Add(new ExportedMacvlan("", Where(ns, device), view.Addresses(device), device.End.Mtu != DefaultMtu ? device.End.Mtu : null, options.IncludeMacs ? device.End.Mac : null)
            {
                Type = "dummy", Mode = null, Conditions = ConditionsOf(ns, device),
            });
        }

        foreach (var (ns, device) in new[] { "macvlan", "ipvlan", "vlan" }.SelectMany(All))
        {
            if (device.Facts.Peer is not { } parent)
            {
                _warnings.Add($"{device.Kind} {Where(ns, device)}: its parent is in no namespace read; left out");
                continue;
            }


            var lower = view.Find(parent);
            var parentText = lower?.Kind == "bridge" ? parent.Name : $"{parent.Namespace.Display}:{parent.Name}";
            if (device.End.Up != true) _warnings.Add($"{device.Kind} {Where(ns, device)} is down; topo brings every link up");
            macvlans.Add(new ExportedMacvlan(
                parentText,
                Where(ns, device),
                view.Addresses(device),
                device.End.Mtu != (lower?.End.Mtu ?? DefaultMtu) ? device.End.Mtu : null,
                options.IncludeMacs ? device.End.Mac : null)
            {
                Type = device.Kind!,
                Mode = device.Of switch
                {
                    MacvlanResource m => m.Mode ?? MacvlanResource.BridgeMode,
                    IpvlanResource i => i.Mode ?? IpvlanResource.DefaultMode,
                    _ => null,
                },
                Id = (device.Of as VlanResource)?.Id,
                Conditions = ConditionsOf(ns, device),
            });
        }

        return [.. macvlans.OrderBy(m => m.Endpoint, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Each vxlan, made in the host or a node read. MTU is written when it is not the kernel's own.
    /// </summary>
    private ImmutableArray<ExportedVxlan> Vxlans()
    {
        var vxlans = ImmutableArray.CreateBuilder<ExportedVxlan>();
        foreach (var (ns, device) in All("vxlan"))
        {
            if (device.Of is not VxlanResource v || (v.Remote ?? v.Group) is not { } far)
            {
                _warnings.Add($"vxlan {Where(ns, device)} has neither a remote nor a group (an external or metadata device); left out");
                continue;
            }

            if (!v.Underlay.IsHost && !view.Holds(v.Underlay))
            {
                _warnings.Add($"vxlan {Where(ns, device)}: its socket is in a namespace not read; left out");
                continue;
            }

            if (device.End.Up != true) _warnings.Add($"vxlan {Where(ns, device)} is down; topo brings every link up");
            // The kernel gives a vxlan its device's MTU less the headers, or Ethernet's 1500 without a device.
            var kernelMtu = v.Dev is { } dev && view.Find(v.Underlay, dev)?.End.Mtu is { } lower ? lower - (far.Contains(':') ? 70 : 50) : DefaultMtu;
            vxlans.Add(new ExportedVxlan(
                Where(ns, device),
                v.Vni,
                v.Remote,
                v.Group,
                v.Dev,
                v.Local,
                v.Port,
                v.Underlay.IsHost ? null : v.Underlay.Id,
                view.Addresses(device),
                device.End.Mtu != kernelMtu ? device.End.Mtu : null,
                options.IncludeMacs ? device.End.Mac : null));
        }

        return [.. vxlans.OrderBy(x => x.Endpoint, StringComparer.Ordinal)];
    }

    private static int Rank(Netns ns, HeldInterface end) => end.End.Master is not null ? 2 : ns.IsHost ? 1 : 0;

    private ExportedLink Link((Netns Ns, HeldInterface End) a, (Netns Ns, HeldInterface End) b)
    {
        var (endA, endB) = (Endpoint(a.Ns, a.End), Endpoint(b.Ns, b.End));
        int? mtu = null;
        var (mtuA, mtuB) = (a.End.End.Mtu, b.End.End.Mtu);
        if (mtuA != mtuB)
            _warnings.Add($"veth {endA} <-> {endB}: the ends' MTUs differ ({mtuA}, {mtuB}); a link has one MTU, left at the default");
        else if (mtuA != DefaultMtu) mtu = mtuA;
        foreach (var (ns, end) in new[] { a, b }.Where(e => e.End.End.Up != true))
            _warnings.Add($"veth {Where(ns, end)} is down; topo brings every link up");
        var addresses = new[] { (endA, view.Addresses(a.End)), (endB, view.Addresses(b.End)) }
            .Where(e => !e.Item2.IsEmpty)
            .ToImmutableArray();
        var macs = new[] { (endA, a.End.End.Mac), (endB, b.End.End.Mac) }
            .Where(e => options.IncludeMacs && e.Mac is not null)
            .Select(e => (e.Item1, e.Mac!))
            .ToImmutableArray();
        var conditions = new[] { (endA, ConditionsOf(a.Ns, a.End)), (endB, ConditionsOf(b.Ns, b.End)) }
            .Where(e => e.Item2 is not null)
            .Select(e => (e.Item1, e.Item2!))
            .ToImmutableArray();
        return new ExportedLink(endA, endB, addresses, mtu, macs) { Conditions = conditions };
    }

    private Conditions? ConditionsOf(Netns ns, HeldInterface end) =>
        view.State.Resources.OfType<QdiscResource>().FirstOrDefault(q => q.Ns == ns && q.Device == end.Name)?.Conditions;

    private static string Endpoint(Netns ns, HeldInterface end) =>
        end.End.Master is { } bridge ? $"{bridge}:{end.Name}" : $"{ns.Display}:{end.Name}";

    // The kinds of interface a lab file can say; any other is left out, and a route through it with it.
    private static bool Writes(HeldInterface i) => i.Kind is "veth" or "bridge" or "macvlan" or "ipvlan" or "vlan" or "dummy" or "vxlan";

    private ExportedNode Node(Netns ns)
    {
        foreach (var other in view.Interfaces(ns).Where(i => !Writes(i)))
            _warnings.Add($"interface {Where(ns, other)} is a {other.Kind}; topo makes only veth pairs, bridges, macvlans, ipvlans, vlans, dummies and vxlans, left out");
        var routes = Routes(ns);
        var ports = _nat.PortsTo(view.Interfaces(ns).SelectMany(i => view.Addresses(i)));
        return new ExportedNode(ns.Id, Changed(ns), routes, ports);
    }

    // A new namespace forwards nothing: only a switched-on sysctl says something.
    private ImmutableSortedDictionary<string, string> Changed(Netns ns) =>
        view.Sysctls(ns).Where(s => s.Value != "0").ToImmutableSortedDictionary(StringComparer.Ordinal);

    private ImmutableArray<ExportedRoute> HostRoutes()
    {
        if (!view.Holds(Netns.Host)) return [];
        if (options.IncludeHost) return Routes(Netns.Host);
        foreach (var route in view.Routes(Netns.Host)) _warnings.Add($"host route {route.Text}: not exported without --include-host");
        return [];
    }

    private ImmutableArray<ExportedRoute> Routes(Netns ns)
    {
        var devices = view.Interfaces(ns).Where(Writes).Select(i => i.Name).ToHashSet(StringComparer.Ordinal);
        var routes = ImmutableArray.CreateBuilder<ExportedRoute>();
        foreach (var route in view.Routes(ns))
        {
            if (route.Device is not null && !devices.Contains(route.Device))
            {
                _warnings.Add($"route {route.Text} in {ns.Display}: its device is not exported; left out");
                continue;
            }

            // The kernel names the device of a route via a gateway by itself: the gateway says it all.
            routes.Add(new ExportedRoute(route.To, route.Via, route.Via is null ? route.Device : null));
        }

        return routes.ToImmutable();
    }

    public static string Where(Netns ns, HeldInterface i) => $"{ns.Display}:{i.Name}";
}

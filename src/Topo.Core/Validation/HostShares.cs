using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// Each machine's share of a lab that spans several: what that machine's kernel holds. The whole lab is
/// validated, named and addressed once, so every machine derives the same names, addresses and VXLAN ids; a
/// share is the lab's resources that live on the machine, plus what only exists per machine: the overlay
/// bridges (a bridge, its VXLAN device and one forwarding entry per other machine with a node on it), the
/// ends of links between machines (a VXLAN device each, tunnelled between the two underlays), and the
/// machine's own nftables table. Resources of the host namespace that name no node or bridge (the file's
/// <c>host:</c> routes and sysctls) are on every machine.
/// </summary>
internal sealed class HostShares
{
    private readonly LabMachines _machines;
    private readonly Dictionary<(Netns Ns, string Name), string> _endHost = [];
    private readonly Dictionary<Netns, string> _nsHost = [];
    private readonly Dictionary<string, SortedSet<string>> _overlayHosts = new(StringComparer.Ordinal);
    private readonly List<(ResolvedLink Link, int Vni)> _crossing = [];

    private HostShares(LabMachines machines) => _machines = machines;

    /// <summary>Places the links on machines, reporting a link between a node and a bridge of two different machines.</summary>
    public static HostShares? Place(string lab, LabMachines machines, LabNames names, ImmutableArray<ResolvedLink> links, ImmutableArray<ResolvedDevice> devices, Problems problems)
    {
        if (!machines.Spans) return null;
        var shares = new HostShares(machines);
        foreach (var node in names.Nodes)
        {
            if (machines.NodeHost.TryGetValue(node.Name.Value, out var host) && !names.NsOf(node.Name.Value).IsHost)
                shares._nsHost[names.NsOf(node.Name.Value)] = host;
        }

        foreach (var (bridge, host) in machines.BridgeHost) shares._endHost[(names.BridgeByName[bridge].Ns, bridge)] = host;

        var vnis = new Dictionary<int, string>(machines.Overlays.Values.ToDictionary(o => o.Vni, o => $"bridges.{o.Bridge}"));
        foreach (var link in links) shares.PlaceLink(lab, link, vnis, problems);
        foreach (var device in devices)
        {
            if (shares.HostOf(device.Device) is { } host) shares._endHost[(device.Device.Ns, device.Device.Name!)] = host;
            else problems.Add(device.Spec.Mark, device.Path, $"'{device.Device.Text}' is in no node: in a lab of several hosts a device lives in a node, whose host: says which machine");
        }

        return shares;
    }

    private void PlaceLink(string lab, ResolvedLink link, Dictionary<int, string> vnis, Problems problems)
    {
        var (a, b) = (HostOf(link.A), HostOf(link.B));
        if (a is not null && b is not null && a != b)
        {
            if (link.A.Kind == EndKind.Node && link.B.Kind == EndKind.Node)
            {
                if (MachineRules.ClaimLinkVni(lab, link, vnis, problems) is { } vni) _crossing.Add((link, vni));
                return;
            }

            var bridge = link.A.Kind == EndKind.BridgePort ? link.A : link.B;
            var node = bridge == link.A ? link.B : link.A;
            problems.Add(link.Spec.Mark, link.Path, $"'{node.Text}' is on host {HostOf(node)} and bridge '{bridge.Bridge!.Name}' on host {HostOf(bridge)}: a bridge spans hosts only as an overlay (overlay: true)");
            return;
        }

        if ((a ?? b) is not { } host)
        {
            problems.Add(link.Spec.Mark, link.Path, "neither end of this link is in a node: in a lab of several hosts a link needs a node end, whose host: says which machine");
            return;
        }

        foreach (var end in link.Ends)
        {
            _endHost[(end.Ns, end.Name!)] = host;
            if (end.Bridge is { Spec.IsOverlay: true } overlay)
            {
                if (!_overlayHosts.TryGetValue(overlay.Name, out var on)) _overlayHosts[overlay.Name] = on = new(StringComparer.Ordinal);
                on.Add(host);
            }
        }
    }

    /// <summary>An end's machine: its node's, or its bridge's; null for an interface of the host namespace or an overlay's port.</summary>
    private string? HostOf(Endpoint end) => end.Kind switch
    {
        EndKind.Node => _machines.NodeHost.GetValueOrDefault(end.Text.Split(':')[0]),
        EndKind.BridgePort when end.Bridge!.Spec.IsOverlay => null,
        EndKind.BridgePort => _machines.BridgeHost.GetValueOrDefault(end.Bridge!.Name),
        _ => null,
    };

    /// <summary>The links within <paramref name="host"/> (a link between two machines is each one's VXLAN device instead).</summary>
    public ImmutableArray<ResolvedLink> LinksOn(string host, ImmutableArray<ResolvedLink> links) =>
        [.. links.Where(l => _crossing.All(c => c.Link != l) && l.Ends.Any(e => _endHost.GetValueOrDefault((e.Ns, e.Name!)) == host))];

    /// <summary>Every machine's share, in <c>hosts:</c> order.</summary>
    public ImmutableDictionary<string, LabState> Build(LabState whole, Func<string, ImmutableArray<NftTableResource>> tablesOn)
    {
        var shares = ImmutableDictionary.CreateBuilder<string, LabState>(StringComparer.Ordinal);
        foreach (var machine in _machines.All)
        {
            IEnumerable<Resource> resources =
            [
                .. whole.Resources.Where(r => r is not NftTableResource && IsOn(r, machine.Name)),
                .. Overlays(machine),
                .. Crossings(machine),
                .. tablesOn(machine.Name),
            ];
            shares[machine.Name] = whole with
            {
                Resources = [.. resources.Select(r => r with { Owner = whole.Lab })],
                Shared = [.. whole.Shared.Where(s => _machines.NodeHost.GetValueOrDefault(s.Node) == machine.Name)],
            };
        }

        return shares.ToImmutable();
    }

    private bool IsOn(Resource r, string host) => r switch
    {
        NamespaceResource n => _nsHost.GetValueOrDefault(Netns.Of(n.Name)) == host,
        VethResource v when Crossing(v) => false,
        _ when !r.Namespace.IsHost => _nsHost.GetValueOrDefault(r.Namespace) == host,
        BridgeResource b when _overlayHosts.TryGetValue(b.Device.Name, out var on) => on.Contains(host),
        BridgeResource b when _machines.Overlays.ContainsKey(b.Device.Name) => false,
        _ => On(r, host),
    };

    // A resource of the host namespace is where the interface it names is; one that names none is on every machine.
    private bool On(Resource r, string host)
    {
        var device = r switch
        {
            AddressResource a => a.Device,
            RouteResource { Device: { } dev } => dev,
            SysctlResource { Interface: { } name } => name,
            BridgePortResource p => p.Bridge,
            QdiscResource q => q.Device,
            _ => r.Interfaces.FirstOrDefault()?.Name,
        };
        if (device is null) return true;
        if (_overlayHosts.TryGetValue(device, out var on)) return on.Contains(host);
        return !_endHost.TryGetValue((Netns.Host, device), out var owner) || owner == host;
    }

    private bool Crossing(VethResource v) => _crossing.Any(c => c.Link.Ends.Any(e => e.Ns == v.A.Namespace && e.Name == v.A.Name));

    private IEnumerable<Resource> Overlays(Machine machine)
    {
        foreach (var (bridge, hosts) in _overlayHosts.Where(o => o.Value.Contains(machine.Name)))
        {
            var segment = _machines.Overlays[bridge];
            var device = new LinkEnd(Netns.Host, segment.Device, Master: bridge, Mtu: LabMachines.TunnelMtu, Up: true);
            yield return new VxlanResource(device, Netns.Host, segment.Vni, null, null, machine.Underlay, segment.Port);
            foreach (var other in _machines.All.Where(m => m.Name != machine.Name && hosts.Contains(m.Name)))
                yield return new FdbResource(Netns.Host, segment.Device, FdbResource.AllZeroMac, other.Underlay);
        }
    }

    private IEnumerable<Resource> Crossings(Machine machine)
    {
        foreach (var (link, vni) in _crossing)
        {
            var (here, there) = HostOf(link.A) == machine.Name ? (link.A, link.B) : HostOf(link.B) == machine.Name ? (link.B, link.A) : (null, null);
            if (here is null || there is null) continue;
            var far = _machines.Find(HostOf(there)!)!;
            var device = new LinkEnd(here.Ns, here.Name!, Mtu: link.Spec.Mtu?.Value ?? LabMachines.TunnelMtu, Up: true);
            yield return new VxlanResource(device, Netns.Host, vni, far.Underlay, null, machine.Underlay, LabMachines.DefaultPort);
        }
    }
}

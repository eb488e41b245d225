using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Validation;

/// <summary>
/// The lab's bridges, veth pairs, macvlans and vxlans, each interface with its namespace, name, master, MTU and MAC;
/// and the parents of macvlans that the lab only names, which must exist.
/// </summary>
internal static class DeviceBuilder
{
    public static ImmutableArray<Resource> Build(LabNames names, ImmutableArray<ResolvedLink> links, ImmutableArray<ResolvedDevice> macvlans, Problems problems)
    {
        var devices = ImmutableArray.CreateBuilder<Resource>();
        foreach (var bridge in names.Bridges)
        {
            var spec = bridge.Spec;
            var mtu = DeviceSettings.Mtu(spec.Mtu, $"{bridge.Path}.mtu", problems);
            var mac = spec.Mac is null ? null : DeviceSettings.Mac(spec.Mac, $"{bridge.Path}.mac", problems);
            devices.Add(new BridgeResource(new LinkEnd(bridge.Ns, bridge.Name, Mtu: mtu, Mac: mac)));
        }

        // A node that publishes ports reaches its own ports through the bridge (hairpin): with bridge
        // netfilter on, the DNATed packet must leave by the port it came in on.
        var publishing = names.Nodes.Where(n => !n.Ports.IsEmpty).Select(n => names.NsOf(n.Name.Value)).ToHashSet();
        foreach (var link in links)
        {
            // A frame from a port of an overlay crosses the tunnel: the port takes the tunnel's MTU unless the file says.
            var mtu = DeviceSettings.Mtu(link.Spec.Mtu, $"{link.Path}.mtu", problems)
                ?? (link.Ends.Any(e => e.Bridge is { Spec.IsOverlay: true }) ? LabMachines.TunnelMtu : null);
            var macs = new Dictionary<Endpoint, string>();
            foreach (var entry in link.Spec.Macs)
            {
                var path = $"{link.Path}.mac['{entry.Endpoint.Value}']";
                if (link.EndWritten(entry.Endpoint.Value) is not { } end)
                    problems.Add(entry.Endpoint.Mark, path, link.NotAnEnd(entry.Endpoint.Value));
                else if (DeviceSettings.Mac(entry.Mac, path, problems) is { } mac)
                    macs[end] = mac;
            }

            LinkEnd End(Endpoint e, Endpoint other) =>
                new(e.Ns, e.Name!, e.Bridge?.Name, mtu, macs.GetValueOrDefault(e), Hairpin: HairpinOf(e, other, publishing));
            devices.Add(VethResource.Of(End(link.A, link.B), End(link.B, link.A)));
        }

        var external = new HashSet<ResourceKey>();
        foreach (var m in macvlans)
        {
            var mtu = DeviceSettings.Mtu(m.Spec.Mtu, $"{m.Path}.mtu", problems);
            string? mac = null;
            foreach (var entry in m.Spec.Macs)
            {
                var path = $"{m.Path}.mac['{entry.Endpoint.Value}']";
                if (entry.Endpoint.Value != m.Device.Text) problems.Add(entry.Endpoint.Mark, path, m.NotTheEndpoint(entry.Endpoint.Value));
                else mac = DeviceSettings.Mac(entry.Mac, path, problems);
            }

            var device = new LinkEnd(m.Device.Ns, m.Device.Name!, Mtu: mtu, Mac: mac);
            if (m.Spec.Type == Parsing.LinkReader.Dummy)
            {
                devices.Add(new DummyResource(device));
                continue;
            }
            if (m.Spec.Vxlan is { } vxlan)
            {
                devices.Add(new VxlanResource(device, m.Underlay, vxlan.Vni.Value, VxlanRules.Canonical(vxlan.Remote), VxlanRules.Canonical(vxlan.Group), VxlanRules.Canonical(vxlan.Local), vxlan.Port?.Value ?? VxlanResource.DefaultPort) { Dev = vxlan.Dev?.Value });
                continue;
            }

            var parent = new ResourceKey(ResourceKind.Link, m.Parent!.Ns, m.Parent.Name!);
            if (m.ExternalParent && external.Add(parent)) devices.Add(new ExternalLinkResource(parent.Namespace, parent.Name, m.Path));
            devices.Add(m.Spec.Type switch
            {
                Parsing.LinkReader.Ipvlan => new IpvlanResource(device, parent, m.Spec.Mode?.Value ?? IpvlanResource.DefaultMode),
                Parsing.LinkReader.Vlan => new VlanResource(device, parent, m.Spec.VlanId!.Value),
                _ => new MacvlanResource(device, parent, m.Spec.Mode?.Value ?? MacvlanResource.BridgeMode),
            });
        }

        Passthru(macvlans, problems);

        return devices.ToImmutable();
    }

    // A passthru macvlan takes its parent whole (the kernel refuses a second device on it, of any mode).
    private static void Passthru(ImmutableArray<ResolvedDevice> macvlans, Problems problems)
    {
        foreach (var group in macvlans.Where(m => m.Spec.Type == Parsing.LinkReader.Macvlan && m.Parent is not null).GroupBy(m => (m.Parent!.Ns, m.Parent.Name)))
        {
            if (group.Count() < 2) continue;
            foreach (var m in group.Where(m => m.Spec.Mode?.Value == "passthru"))
                problems.Add(m.Spec.Mode!.Mark, $"{m.Path}.mode", $"a passthru macvlan takes its parent '{m.Parent!.Text}' whole, and {group.Count() - 1} other macvlan(s) sit on it too (give passthru a parent of its own, or use mode bridge)");
        }
    }

    private static bool? HairpinOf(Endpoint end, Endpoint other, HashSet<Netns> publishing) =>
        end.Bridge is not null && other.Kind == EndKind.Node && publishing.Contains(other.Ns) ? true : null;
}

using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing;

namespace Topo.Core.Tests.Export;

/// <summary>
/// The state a read of the kernel would give after applying a desired state: each veth end an interface whose
/// peer is the other end, each macvlan one whose peer is its parent, each bridge an interface, addresses on their devices, routes, the forwarding sysctls (all a real read takes in) and
/// the lab's NAT table. Indexes are handed out in order, as a kernel would.
/// </summary>
internal static class SimulatedKernel
{
    public static LabState ViewOf(LabState desired)
    {
        var resources = desired.Resources;
        var namespaces = resources.OfType<NamespaceResource>().Select(n => Netns.Of(n.Name)).Prepend(Netns.Host).ToList();
        var index = new Dictionary<(Netns, string), int>();
        int IndexOf(LinkEnd end) => index.TryGetValue((end.Namespace, end.Name), out var i) ? i : index[(end.Namespace, end.Name)] = index.Count + 2;
        var mark = Ownership.Mark(desired.Lab);
        var mtus = new Dictionary<(Netns, string), int>();
        LinkEnd Read(LinkEnd end, string kind, int mtu)
        {
            mtus.TryAdd((end.Namespace, end.Name), mtu);
            return ReadState.End(end.Namespace, IndexOf(end), end.Name, kind, end.Master, mtu, end.Mac, alias: mark);
        }

        // A bridge without a set MTU takes its ports' smallest, as the kernel does.
        var ends = resources.OfType<VethResource>().SelectMany(v => new[] { v.A, v.B }).ToList();
        var read = new List<Resource>();
        foreach (var bridge in resources.OfType<BridgeResource>().Select(b => b.Device))
        {
            var ports = ends.Where(e => e.Namespace == bridge.Namespace && e.Master == bridge.Name).Select(e => e.Mtu ?? 1500).DefaultIfEmpty(1500);
            read.Add(new BridgeResource(Read(bridge, "bridge", bridge.Mtu ?? ports.Min())) { Owner = desired.Lab });
        }

        foreach (var veth in resources.OfType<VethResource>())
            read.Add(ReadState.Pair(Read(veth.A, "veth", veth.A.Mtu ?? 1500), Read(veth.B, "veth", veth.B.Mtu ?? 1500)) with { Owner = desired.Lab });

        // A macvlan, ipvlan or vlan takes its parent's MTU unless it sets one.
        foreach (var macvlan in resources.OfType<StackedDevice>())
        {
            var parent = new LinkEnd(macvlan.Parent!.Value.Namespace, macvlan.Parent.Value.Name);
            var parentMtu = mtus.GetValueOrDefault((parent.Namespace, parent.Name), 1500);
            var device = Read(macvlan.Device, macvlan.Kind, macvlan.Device.Mtu ?? parentMtu);
            device = ReadState.PeerOf(device, ReadState.End(parent.Namespace, IndexOf(parent), parent.Name, "device", mtu: parentMtu));
            read.Add(macvlan with { Device = device, Owner = desired.Lab });
        }

        foreach (var dummy in resources.OfType<DummyResource>())
            read.Add(dummy with { Device = Read(dummy.Device, "dummy", dummy.Device.Mtu ?? 1500), Owner = desired.Lab });

        // A vxlan without a set MTU takes the kernel's: its device's less the headers, or 1500 without one.
        foreach (var vxlan in resources.OfType<VxlanResource>())
        {
            var lower = vxlan.Dev is { } dev ? mtus.GetValueOrDefault((vxlan.Underlay, dev), 1500) - ((vxlan.Remote ?? vxlan.Group)!.Contains(':') ? 70 : 50) : 1500;
            read.Add(vxlan with { Device = Read(vxlan.Device, "vxlan", vxlan.Device.Mtu ?? lower), Owner = desired.Lab });
        }

        read.AddRange(resources.OfType<NamespaceResource>().Select(n => n with { Owner = desired.Lab }));
        read.AddRange(resources.OfType<AddressResource>());
        read.AddRange(resources.OfType<RouteResource>());
        read.AddRange(resources.OfType<QdiscResource>());
        read.AddRange(resources.OfType<NftTableResource>());
        read.AddRange(resources.OfType<SysctlResource>().Where(s => namespaces.Contains(s.Ns) && ForwardingSysctls.Keys.Contains(s.Name)));
        return ReadState.Of(desired.Lab, namespaces, read);
    }
}

using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Export;

/// <summary>
/// The view a kernel would give after applying a desired state: each veth end an interface whose
/// peer is the other end, each macvlan one whose peer is its parent, each bridge an interface, addresses on their devices, routes, the forwarding sysctls (all a real view reads) and
/// the host's NAT rules. Indexes are handed out in order, as a kernel would.
/// </summary>
internal static class SimulatedKernel
{
    public static KernelView ViewOf(LabState desired)
    {
        var resources = desired.Resources;
        var namespaces = resources.OfType<NamespaceResource>().Select(n => n.Name).Prepend(Netns.Host).ToList();
        var index = new Dictionary<(string, string), int>();
        int IndexOf(LinkEnd end) => index.TryGetValue((end.Namespace, end.Name), out var i) ? i : index[(end.Namespace, end.Name)] = index.Count + 2;

        var interfaces = namespaces.ToDictionary(n => n, _ => new List<InterfaceView>());
        InterfaceView Interface(LinkEnd end, string kind, LinkEnd? peer) => new(
            IndexOf(end), end.Name, kind, peer is null ? null : new PeerView(peer.Namespace, peer.Name, IndexOf(peer)), end.Master, end.Mac,
            end.Mtu ?? 1500, true, Ownership.Mark(desired.Lab),
            [.. resources.OfType<AddressResource>().Where(a => a.Ns == end.Namespace && a.Device == end.Name).Select(a => a.Cidr)]);

        // A bridge without a set MTU takes its ports' smallest, as the kernel does.
        var ends = resources.OfType<VethResource>().SelectMany(v => new[] { v.A, v.B }).ToList();
        foreach (var bridge in resources.OfType<BridgeResource>().Select(b => b.Device))
        {
            var ports = ends.Where(e => e.Namespace == bridge.Namespace && e.Master == bridge.Name).Select(e => e.Mtu ?? 1500).DefaultIfEmpty(1500);
            interfaces[bridge.Namespace].Add(Interface(bridge with { Mtu = bridge.Mtu ?? ports.Min() }, "bridge", null));
        }

        foreach (var veth in resources.OfType<VethResource>())
        {
            interfaces[veth.A.Namespace].Add(Interface(veth.A, "veth", veth.B));
            interfaces[veth.B.Namespace].Add(Interface(veth.B, "veth", veth.A));
        }

        // A macvlan takes its parent's MTU unless it sets one.
        foreach (var macvlan in resources.OfType<MacvlanResource>())
        {
            var parent = new LinkEnd(macvlan.Parent!.Value.Namespace, macvlan.Parent.Value.Name);
            var parentMtu = interfaces[parent.Namespace].FirstOrDefault(i => i.Name == parent.Name)?.Mtu ?? 1500;
            interfaces[macvlan.Device.Namespace].Add(Interface(macvlan.Device with { Mtu = macvlan.Device.Mtu ?? parentMtu }, "macvlan", parent) with { MacvlanMode = macvlan.Mode });
        }

        return new KernelView(
            [
                .. namespaces.Select(ns => new NamespaceView(
                    ns,
                    ns.Length == 0 ? null : desired.Lab,
                    [.. interfaces[ns].OrderBy(i => i.Index)],
                    [.. resources.OfType<RouteResource>().Where(r => r.Ns == ns).Select(r => new RouteView(r.To, r.Via, r.Device))])
                {
                    NatRules = [.. resources.OfType<NftTableResource>().Where(t => t.Ns == ns).SelectMany(t => t.Rules)],
                    Sysctls = resources.OfType<SysctlResource>().Where(s => s.Ns == ns && ForwardingSysctls.Keys.Contains(s.Name)).ToImmutableSortedDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal),
                }),
            ]);
    }
}

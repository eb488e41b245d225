using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// Reads each link of one device: its device (<c>NODE:IFNAME</c> or <c>host:IFNAME</c>), a macvlan's parent
/// (<c>NODE:IFNAME</c>, <c>host:IFNAME</c> or a bridge) and a vxlan's tunnel (<see cref="VxlanRules"/>); then,
/// once every interface of the lab is named, tells a parent the lab makes from one it only names.
/// </summary>
internal static class DeviceResolver
{
    public static ImmutableArray<ResolvedDevice> Resolve(LabFile file, LabNames names, Problems problems)
    {
        var macvlans = ImmutableArray.CreateBuilder<ResolvedDevice>();
        for (var i = 0; i < file.Links.Length; i++)
        {
            var spec = file.Links[i];
            var path = $"links[{i}]";
            if (spec.Vxlan is { } vxlan)
            {
                if (VxlanRules.Resolve(i, spec, vxlan, Device(EndpointResolver.Read(spec.Endpoint!, names, path, problems), path, problems, "vxlan"), names, problems) is { } v)
                    macvlans.Add(v);
                continue;
            }

            if (spec.Type == Parsing.LinkReader.Dummy)
            {
                if (Device(EndpointResolver.Read(spec.Endpoint!, names, path, problems), path, problems, "dummy") is { } dummy)
                    macvlans.Add(new ResolvedDevice(i, spec, dummy, null));
                continue;
            }

            if (!spec.IsMacvlan) continue;
            var device = Device(EndpointResolver.Read(spec.Endpoint!, names, path, problems), path, problems, spec.Type);
            var parent = Parent(EndpointResolver.Read(spec.Parent!, names, path, problems, "parent"), path, problems);
            if (device is null || parent is null) continue;
            if (device.Ns == parent.Ns && device.Name == parent.Name)
            {
                problems.Add(parent.Written.Mark, path, $"parent '{parent.Text}' is the {spec.Type}'s own endpoint: a {spec.Type} sits on another interface (e.g. host:eth0)");
                continue;
            }

            macvlans.Add(new ResolvedDevice(i, spec, device, parent));
        }

        return macvlans.ToImmutable();
    }

    /// <summary>
    /// Marks the parents the lab does not make. Those must be in the host: a node's namespace is the
    /// lab's own, so an interface there that the lab does not make would never exist.
    /// </summary>
    public static ImmutableArray<ResolvedDevice> Place(ImmutableArray<ResolvedDevice> macvlans, LabInterfaces interfaces, Problems problems)
    {
        var placed = ImmutableArray.CreateBuilder<ResolvedDevice>(macvlans.Length);
        foreach (var m in macvlans)
        {
            if (m.Parent is not { } p)
            {
                if (m.Spec.Vxlan?.Dev is { } dev && !interfaces.Has(m.Underlay, dev.Value))
                    problems.Add(dev.Mark, $"{m.Path}.dev", $"dev '{dev.Value}' is not an interface the lab makes in {m.Underlay.Display} (interfaces there: {interfaces.ListIn(m.Underlay)}); the vxlan sends by it");
                else
                    placed.Add(m);
                continue;
            }

            if (p.Name == NameRules.Loopback)
                problems.Add(p.Written.Mark, m.Path, $"parent '{p.Text}' is a loopback, which cannot carry a macvlan (name an Ethernet-like interface, e.g. host:eth0)");
            else if (interfaces.Has(p.Ns, p.Name!))
                placed.Add(m);
            else if (p.Ns.IsHost)
                placed.Add(m with { ExternalParent = true });
            else
                problems.Add(p.Written.Mark, m.Path, $"parent '{p.Text}' is not an interface the lab makes in node '{p.Ns}' (interfaces there: {interfaces.ListIn(p.Ns)}); an interface the lab does not make can be a parent only in the host (host:IFNAME)");
        }

        return placed.ToImmutable();
    }

    private static Endpoint? Device(Endpoint? end, string path, Problems problems, string kind = "macvlan")
    {
        if (end is null || end.Kind != EndKind.BridgePort) return end;
        problems.Add(end.Written.Mark, path, $"endpoint '{end.Text}' names bridge '{end.Bridge!.Name}': a {kind} device lives in a node or the host (write NODE:IFNAME or host:IFNAME)");
        return null;
    }

    /// <summary>A bridge parent is the bridge itself: its interface has the bridge's name.</summary>
    private static Endpoint? Parent(Endpoint? end, string path, Problems problems)
    {
        if (end is null || end.Kind != EndKind.BridgePort) return end;
        if (end.Name is null) return end with { Name = end.Bridge!.Name };
        problems.Add(end.Written.Mark, path, $"parent '{end.Text}' names a port of bridge '{end.Bridge!.Name}': a macvlan sits on the bridge itself (parent: {end.Bridge.Name}) or on an interface (NODE:IFNAME, host:IFNAME)");
        return null;
    }
}

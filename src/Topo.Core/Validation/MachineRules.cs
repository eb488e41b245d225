using System.Collections.Immutable;
using System.Globalization;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// The rules of <c>hosts:</c>, <c>host:</c> and <c>overlay:</c>: each machine has one underlay address of its own,
/// each node and each bridge that is not an overlay names a machine of the list (or the lab has one), an overlay
/// spans machines and so names none and carries no address, and the VXLAN ids of the lab's tunnels differ.
/// </summary>
internal static class MachineRules
{
    public static LabMachines Check(LabFile file, LabNames names, Problems problems)
    {
        var machines = Machines(file, problems);
        if (machines.IsEmpty)
        {
            RefuseWithoutHosts(file, names, problems);
            return LabMachines.None;
        }

        var byName = machines.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var list = NameRules.List(machines.Select(m => m.Name));
        string? Place(Located<string>? written, Located<string> name, string path, string what, string hint = "")
        {
            if (written is null)
            {
                if (machines.Length == 1) return machines[0].Name;
                problems.Add(name.Mark, path, $"{what} names no host: in a lab of several hosts write host: (one of {list}){hint}");
                return null;
            }

            if (byName.ContainsKey(written.Value)) return written.Value;
            problems.Add(written.Mark, $"{path}.host", $"'{written.Value}' is not a host of this lab (hosts: {list})");
            return null;
        }

        var nodeHost = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var node in names.Nodes)
        {
            if (Place(node.Host, node.Name, $"nodes.{node.Name.Value}", $"node '{node.Name.Value}'") is { } host)
                nodeHost[node.Name.Value] = host;
        }

        var bridgeHost = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var overlays = ImmutableDictionary.CreateBuilder<string, OverlaySegment>(StringComparer.Ordinal);
        var vnis = new Dictionary<int, string>();
        foreach (var bridge in names.Bridges)
        {
            var spec = bridge.Spec;
            if (spec.IsOverlay)
            {
                if (Overlay(file.Lab.Value, bridge, vnis, problems) is { } segment) overlays[bridge.Name] = segment;
                continue;
            }

            Refuse(spec.Vni, $"{bridge.Path}.vni", "vni is for an overlay bridge (add overlay: true, or remove vni)", problems);
            Refuse(spec.Port, $"{bridge.Path}.port", "port is for an overlay bridge (add overlay: true, or remove port)", problems);
            if (spec.Node is { } inNode)
            {
                if (spec.Host is { } both)
                    problems.Add(both.Mark, $"{bridge.Path}.host", $"a bridge inside node '{inNode.Value}' lives on that node's host: remove host");
                else if (nodeHost.TryGetValue(inNode.Value, out var host))
                    bridgeHost[bridge.Name] = host;
            }
            else if (Place(spec.Host, spec.Name, bridge.Path, $"bridge '{bridge.Name}'", " (or overlay: true to span them)") is { } host)
                bridgeHost[bridge.Name] = host;
        }

        return new LabMachines(machines, nodeHost.ToImmutable(), bridgeHost.ToImmutable(), overlays.ToImmutable());
    }

    /// <summary>The VXLAN id of a tunnel the file does not number: from the lab and the tunnel's name, so every machine derives the same.</summary>
    public static int DerivedVni(string lab, string tunnel) => (int)(GeneratedNames.Fnv1a($"{lab}\n{tunnel}") % 16_777_214) + 1;

    /// <summary>The VXLAN id of a link between two machines, claimed among the lab's others.</summary>
    public static int? ClaimLinkVni(string lab, ResolvedLink link, Dictionary<int, string> vnis, Problems problems)
    {
        var vni = DerivedVni(lab, $"{link.A.Text} {link.B.Text}");
        if (vnis.TryAdd(vni, link.Path)) return vni;
        problems.Add(link.Spec.Mark, link.Path, $"the VXLAN id {vni} this link derives is taken by {vnis[vni]}: give that overlay bridge another vni:");
        return null;
    }

    private static OverlaySegment? Overlay(string lab, BridgePlace bridge, Dictionary<int, string> vnis, Problems problems)
    {
        var spec = bridge.Spec;
        var path = bridge.Path;
        var ok = true;
        if (spec.Host is { } host)
        {
            problems.Add(host.Mark, $"{path}.host", "an overlay bridge spans every host with a node on it: remove host");
            ok = false;
        }

        foreach (var (value, key, why) in new[]
                 {
                     (spec.Address?.Mark, "address", "it would be on every host at once"),
                     (spec.Node?.Mark, "node", "it lives in each host's namespace"),
                     (spec.Masquerade is { Value: true } m ? m.Mark : null, "masquerade", "it has no address of the host's to masquerade behind"),
                 })
        {
            if (value is not { } mark) continue;
            problems.Add(mark, $"{path}.{key}", $"an overlay bridge takes no {key} ({why}): remove it");
            ok = false;
        }

        var vni = spec.Vni?.Value ?? DerivedVni(lab, bridge.Name);
        if (spec.Vni is { } written && written.Value is < 1 or > 16_777_215)
        {
            problems.Add(written.Mark, $"{path}.vni", $"vni {written.Value} is out of range: a VXLAN id is 1 to 16777215");
            ok = false;
        }
        else if (!vnis.TryAdd(vni, path))
        {
            problems.Add(spec.Vni?.Mark ?? spec.Name.Mark, $"{path}.vni", $"VXLAN id {vni} is already the id of {vnis[vni]}: give one of them another vni:");
            ok = false;
        }

        var port = spec.Port?.Value ?? LabMachines.DefaultPort;
        if (spec.Port is { } p && p.Value is < 1 or > 65535)
        {
            problems.Add(p.Mark, $"{path}.port", $"port {p.Value} is out of range: a UDP port is 1 to 65535");
            ok = false;
        }

        return ok ? new OverlaySegment(bridge.Name, vni, port, DeviceName(bridge.Name)) : null;
    }

    /// <summary><c>vx</c> and the bridge's name, or a hash of it where that would pass the kernel's 15 bytes.</summary>
    private static string DeviceName(string bridge) =>
        bridge.Length <= NameRules.MaxInterfaceBytes - 2 ? $"vx{bridge}" : "vx" + GeneratedNames.Fnv1a(bridge).ToString("x8", CultureInfo.InvariantCulture);

    private static ImmutableArray<Machine> Machines(LabFile file, Problems problems)
    {
        var machines = ImmutableArray.CreateBuilder<Machine>();
        var underlays = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in file.Hosts)
        {
            var name = spec.Name.Value;
            var path = $"hosts.{NameRules.Shown(name)}";
            if (!NameRules.IsSimpleName(name, NameRules.MaxNode))
            {
                problems.Add(spec.Name.Mark, path, $"host name '{NameRules.Shown(name)}' must be letters, digits, '-' or '_' (at most {NameRules.MaxNode})");
                continue;
            }

            if (spec.Underlay is not { } underlay)
            {
                problems.Add(spec.Name.Mark, path, $"host '{name}' needs underlay: the address of that machine that tunnels use, e.g. {{underlay: 192.0.2.11}}");
                continue;
            }

            if (Ip.Parse(underlay.Value) is not { } ip)
            {
                problems.Add(underlay.Mark, $"{path}.underlay", $"underlay '{underlay.Value}' is not an IP address (write the machine's address, e.g. 192.0.2.11)");
                continue;
            }

            if (!underlays.TryAdd(ip.ToString(), name))
            {
                problems.Add(underlay.Mark, $"{path}.underlay", $"underlay {ip} is already the address of host '{underlays[ip.ToString()]}': each host has one of its own");
                continue;
            }

            machines.Add(new Machine(name, ip.ToString(), spec.Ssh?.Value ?? name));
        }

        return machines.ToImmutable();
    }

    private static void RefuseWithoutHosts(LabFile file, LabNames names, Problems problems)
    {
        static string Why(Located<string>? host) => $"host '{host?.Value}' names a machine, and this lab has no hosts: section (add hosts: with the machines the lab spans, or remove host)";
        foreach (var node in names.Nodes) Refuse(node.Host, $"nodes.{node.Name.Value}.host", Why(node.Host), problems);
        foreach (var bridge in names.Bridges)
        {
            Refuse(bridge.Spec.Host, $"{bridge.Path}.host", Why(bridge.Spec.Host), problems);
            if (bridge.Spec.Overlay is { Value: true } overlay)
                problems.Add(overlay.Mark, $"{bridge.Path}.overlay", "an overlay bridge spans machines, and this lab has no hosts: section (add hosts:, or remove overlay)");
        }
    }

    private static void Refuse<T>(Located<T>? written, string path, string message, Problems problems)
    {
        if (written is not null) problems.Add(written.Mark, path, message);
    }
}

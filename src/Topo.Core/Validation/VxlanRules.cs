using System.Net;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// A vxlan link's tunnel: a VNI of 24 bits, a unicast <c>remote</c> (a multicast <c>group</c> needs an
/// interface to join it on, which topo does not take yet), a <c>local</c> of the same family, a UDP port,
/// and the namespace it is made in (<c>underlay:</c> <c>host</c> or a node, the host when not written).
/// </summary>
internal static class VxlanRules
{
    public const int MaxVni = (1 << 24) - 1;

    public static ResolvedDevice? Resolve(int index, LinkSpec spec, VxlanSpec vxlan, Endpoint? device, LabNames names, Problems problems)
    {
        var path = $"links[{index}]";
        var ok = device is not null;
        if (vxlan.Vni.Value is < 0 or > MaxVni)
            ok = Refuse(problems, vxlan.Vni.Mark, $"{path}.vni", $"vni {vxlan.Vni.Value} is out of range (0 to {MaxVni})");
        if (vxlan.Group is { } group)
            ok = Refuse(problems, group.Mark, $"{path}.group", $"'group: {group.Value}': a multicast tunnel needs an interface to join the group on, which topo does not take yet (write remote: with the far endpoint's address)");
        var remote = vxlan.Remote is { } r ? Address(r, $"{path}.remote", "remote", problems) : null;
        var local = vxlan.Local is { } l ? Address(l, $"{path}.local", "local", problems) : null;
        if (vxlan.Remote is not null && remote is null) ok = false;
        if (vxlan.Local is not null && local is null) ok = false;
        if (remote is not null && local is not null && remote.AddressFamily != local.AddressFamily)
            ok = Refuse(problems, vxlan.Local!.Mark, $"{path}.local", $"local {local} and remote {remote} are of different families (write both IPv4 or both IPv6)");
        if (vxlan.Port is { } port && port.Value is < 1 or > 65535)
            ok = Refuse(problems, port.Mark, $"{path}.port", $"port {port.Value} is out of range (1 to 65535; VXLAN's own is {VxlanResource.DefaultPort})");
        var underlay = Netns.Host;
        if (vxlan.Underlay is { } u && u.Value != "host")
        {
            if (names.Nodes.Any(n => n.Name.Value == u.Value)) underlay = names.NsOf(u.Value);
            else ok = Refuse(problems, u.Mark, $"{path}.underlay", $"underlay '{u.Value}' is not a node (write host, or one of: {names.NodeList})");
        }

        return ok ? new ResolvedDevice(index, spec, device!, null, Underlay: underlay) : null;
    }

    /// <summary>An address as the kernel gives it back (<c>2001:db8::10</c>, not <c>2001:0db8:0::10</c>), so that a read compares equal.</summary>
    public static string? Canonical(Located<string>? written) => written is null ? null : IPAddress.Parse(written.Value).ToString();

    private static IPAddress? Address(Located<string> written, string path, string role, Problems problems)
    {
        if (Ip.Parse(written.Value) is not { } ip || !IPAddress.TryParse(written.Value, out var address))
        {
            problems.Add(written.Mark, path, $"{role} '{written.Value}' is not an IP address (e.g. 192.0.2.10 or 2001:db8::10)");
            return null;
        }

        if (ip.IsMulticast || ip.Value == 0)
        {
            problems.Add(written.Mark, path, $"{role} '{written.Value}' is not a unicast address (write the tunnel endpoint's own address)");
            return null;
        }

        return address;
    }

    private static bool Refuse(Problems problems, SourceMark mark, string path, string message)
    {
        problems.Add(mark, path, message);
        return false;
    }
}

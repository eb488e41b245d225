using System.Net;
using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// A vxlan link's tunnel: a VNI of 24 bits, a unicast <c>remote</c> or a multicast <c>group</c> (which needs
/// <c>dev</c>, the interface to join it on: the kernel refuses a group without one), a <c>local</c> of the same
/// family, a UDP port, and the namespace it is made in (<c>underlay:</c> <c>host</c> or a node, the host when
/// not written). <c>dev</c> must be an interface the lab makes there (checked once they are named).
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
        var group = vxlan.Group is { } g ? Address(g, $"{path}.group", "group", problems, multicast: true) : null;
        if (vxlan.Group is not null && group is null) ok = false;
        if (vxlan.Group is { } written && vxlan.Dev is null)
            ok = Refuse(problems, written.Mark, $"{path}.group", $"'group: {written.Value}' needs 'dev:', the interface in the underlay to join the group on (e.g. dev: eth0)");
        if (vxlan.Dev is { } dev && NameRules.InterfaceProblem(dev.Value) is { } why)
            ok = Refuse(problems, dev.Mark, $"{path}.dev", $"dev '{dev.Value}': {why}");
        var remote = vxlan.Remote is { } r ? Address(r, $"{path}.remote", "remote", problems) : null;
        var local = vxlan.Local is { } l ? Address(l, $"{path}.local", "local", problems) : null;
        if (vxlan.Remote is not null && remote is null) ok = false;
        if (vxlan.Local is not null && local is null) ok = false;
        if ((remote ?? group) is { } far && local is not null && far.AddressFamily != local.AddressFamily)
            ok = Refuse(problems, vxlan.Local!.Mark, $"{path}.local", $"local {local} and {(remote is null ? "group" : "remote")} {far} are of different families (write both IPv4 or both IPv6)");
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

    private static IPAddress? Address(Located<string> written, string path, string role, Problems problems, bool multicast = false)
    {
        if (Ip.Parse(written.Value) is not { } ip || !IPAddress.TryParse(written.Value, out var address))
        {
            problems.Add(written.Mark, path, $"{role} '{written.Value}' is not an IP address (e.g. 192.0.2.10 or 2001:db8::10)");
            return null;
        }

        if (multicast && !ip.IsMulticast)
        {
            problems.Add(written.Mark, path, $"{role} '{written.Value}' is not a multicast address ({(ip.IsV6 ? "ff00::/8" : "224.0.0.0/4")}; for one far endpoint write remote:)");
            return null;
        }

        if (!multicast && (ip.IsMulticast || ip.Value == 0))
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

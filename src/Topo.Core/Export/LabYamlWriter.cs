using System.Globalization;
using System.Text;
using Topo.Core.Kinds;
using Topo.Core.Validation;

namespace Topo.Core.Export;

/// <summary>
/// Writes an <see cref="ExportedLab"/> as a lab file in the spec's layout: sections in the spec's
/// order, one line per route and per short link, the long form only where a link has addresses or an MTU.
/// </summary>
internal static class LabYamlWriter
{
    public static string Write(ExportedLab lab, string header)
    {
        var y = new StringBuilder();
        foreach (var line in header.Split('\n')) y.AppendLine($"# {line}".TrimEnd());
        y.AppendLine("version: 1");
        y.AppendLine($"lab: {YamlScalar.Of(lab.Lab)}");

        if (!lab.HostRoutes.IsEmpty || !lab.HostSysctls.IsEmpty)
        {
            y.AppendLine().AppendLine("host:");
            if (!lab.HostSysctls.IsEmpty) y.AppendLine($"  sysctls: {Sysctls(lab.HostSysctls)}");
            if (!lab.HostRoutes.IsEmpty) y.AppendLine("  routes:");
            foreach (var r in lab.HostRoutes) y.AppendLine($"    - {Route(r)}");
        }

        if (!lab.Bridges.IsEmpty)
        {
            y.AppendLine().AppendLine("bridges:");
            foreach (var b in lab.Bridges) Bridge(y, b);
        }

        if (!lab.Nodes.IsEmpty)
        {
            y.AppendLine().AppendLine("nodes:");
            foreach (var n in lab.Nodes) Node(y, n);
        }

        if (!lab.Links.IsEmpty || !lab.Macvlans.IsEmpty || !lab.Vxlans.IsEmpty)
        {
            y.AppendLine().AppendLine("links:");
            foreach (var l in lab.Links) Link(y, l);
            foreach (var m in lab.Macvlans) Macvlan(y, m);
            foreach (var v in lab.Vxlans) Vxlan(y, v);
        }

        return y.ToString();
    }

    private static void Bridge(StringBuilder y, ExportedBridge b)
    {
        var fields = new List<string>();
        if (b.Node is not null) fields.Add($"node: {YamlScalar.Of(b.Node)}");
        if (!b.Subnets.IsEmpty) fields.Add($"subnet: {OneOrList(b.Subnets.Select(s => s.Network))}");
        if ((Gateway(b) ?? b.Address) is { } address) fields.Add($"address: {YamlScalar.Of(address)}");
        if (b.Subnets.Any(s => s.Range is not null)) fields.Add($"ip_range: {OneOrList(b.Subnets.Select(s => s.Range).OfType<string>())}");
        if (b.Masquerade) fields.Add("masquerade: true");
        if (b.Isolated) fields.Add("isolated: true");
        if (b.Internal) fields.Add("internal: true");
        if (b.Mtu is { } mtu) fields.Add($"mtu: {mtu.ToString(CultureInfo.InvariantCulture)}");
        if (b.Mac is not null) fields.Add($"mac: {YamlScalar.Of(b.Mac)}");
        if (fields.Count == 0)
        {
            y.AppendLine($"  {YamlScalar.Of(b.Name)}: {{}}");
            return;
        }

        y.AppendLine($"  {YamlScalar.Of(b.Name)}:");
        foreach (var f in fields) y.AppendLine($"    {f}");
    }

    // One value plain, one per family as a flow list, as people write subnet: and ip_range:.
    private static string OneOrList(IEnumerable<string> values) =>
        values.ToList() is [var one] ? YamlScalar.Of(one) : $"[{string.Join(", ", values.Select(YamlScalar.Of))}]";

    /// <summary>
    /// The one gateway <c>address:</c> sets: the one that is not its subnet's first address (the extractor leaves at
    /// most one such), else the first subnet's, written out as the bridge's address for the reader.
    /// </summary>
    private static string? Gateway(ExportedBridge b) =>
        b.Subnets.IsEmpty ? null : (b.Subnets.FirstOrDefault(s => !s.GatewayIsFirst) ?? b.Subnets[0]).Gateway;

    private static void Node(StringBuilder y, ExportedNode n)
    {
        if (n.Routes.IsEmpty && n.Ports.IsEmpty && n.Sysctls.IsEmpty)
        {
            y.AppendLine($"  {YamlScalar.Of(n.Name)}: {{}}");
            return;
        }

        y.AppendLine($"  {YamlScalar.Of(n.Name)}:");
        // Ports always quoted: 8080:80 unquoted is a base-60 number to YAML 1.1 readers.
        if (!n.Sysctls.IsEmpty) y.AppendLine($"    sysctls: {Sysctls(n.Sysctls)}");
        if (!n.Ports.IsEmpty) y.AppendLine($"    ports: [{string.Join(", ", n.Ports.Select(p => $"\"{p}\""))}]");
        if (n.Routes.IsEmpty) return;
        y.AppendLine("    routes:");
        foreach (var r in n.Routes) y.AppendLine($"      - {Route(r)}");
    }

    // Integer values unquoted, as the spec wants them; a word as a string.
    private static string Sysctls(IEnumerable<KeyValuePair<string, string>> sysctls) =>
        $"{{{string.Join(", ", sysctls.Select(s => $"{s.Key}: {(s.Value.All(char.IsAsciiDigit) && s.Value.Length > 0 ? s.Value : YamlScalar.Of(s.Value))}"))}}}";

    private static string Route(ExportedRoute r)
    {
        // The kernel's ::/0 is what a file writes as default via an IPv6 gateway.
        var to = r.To == RouteRules.DefaultOf(v6: true) && r.Via?.Contains(':', StringComparison.Ordinal) == true ? RouteRules.Default : r.To;
        var parts = new List<string> { $"to: {YamlScalar.Of(to)}" };
        if (r.Via is not null) parts.Add($"via: {YamlScalar.Of(r.Via)}");
        if (r.Dev is not null) parts.Add($"dev: {YamlScalar.Of(r.Dev)}");
        return $"{{{string.Join(", ", parts)}}}";
    }

    private static void Macvlan(StringBuilder y, ExportedMacvlan m)
    {
        var endpoint = YamlScalar.Of(m.Endpoint);
        y.AppendLine($"  - type: {m.Type}");
        if (m.Parent.Length > 0) y.AppendLine($"    parent: {YamlScalar.Of(m.Parent)}");
        y.AppendLine($"    endpoint: {endpoint}");
        if (m.Mode is not null) y.AppendLine($"    mode: {m.Mode}");
        if (m.Id is { } id) y.AppendLine($"    id: {id.ToString(CultureInfo.InvariantCulture)}");
        if (!m.Cidrs.IsEmpty) y.AppendLine($"    addresses: {{{endpoint}: [{string.Join(", ", m.Cidrs.Select(YamlScalar.Of))}]}}");
        if (m.Mtu is { } mtu) y.AppendLine($"    mtu: {mtu.ToString(CultureInfo.InvariantCulture)}");
        if (m.Mac is not null) y.AppendLine($"    mac: {{{endpoint}: {YamlScalar.Of(m.Mac)}}}");
        if (m.Conditions is { } conditions) y.AppendLine($"    conditions: {ConditionsMap(conditions)}");
    }

    // Only what is set, each value as tc writes it (and topo reads it back the same).
    private static string ConditionsMap(Conditions c) =>
        $"{{{string.Join(", ", c.Values.Where(v => v.Value != Conditions.None).Select(v => $"{v.Key}: {YamlScalar.Of(v.Value)}"))}}}";

    private static void Vxlan(StringBuilder y, ExportedVxlan v)
    {
        var endpoint = YamlScalar.Of(v.Endpoint);
        y.AppendLine("  - type: vxlan");
        y.AppendLine($"    endpoint: {endpoint}");
        y.AppendLine($"    vni: {v.Vni.ToString(CultureInfo.InvariantCulture)}");
        if (v.Remote is not null) y.AppendLine($"    remote: {YamlScalar.Of(v.Remote)}");
        if (v.Group is not null) y.AppendLine($"    group: {YamlScalar.Of(v.Group)}");
        if (v.Dev is not null) y.AppendLine($"    dev: {YamlScalar.Of(v.Dev)}");
        if (v.Local is not null) y.AppendLine($"    local: {YamlScalar.Of(v.Local)}");
        if (v.Port != VxlanResource.DefaultPort) y.AppendLine($"    port: {v.Port.ToString(CultureInfo.InvariantCulture)}");
        if (v.Underlay is not null) y.AppendLine($"    underlay: {YamlScalar.Of(v.Underlay)}");
        if (!v.Cidrs.IsEmpty) y.AppendLine($"    addresses: {{{endpoint}: [{string.Join(", ", v.Cidrs.Select(YamlScalar.Of))}]}}");
        if (v.Mtu is { } mtu) y.AppendLine($"    mtu: {mtu.ToString(CultureInfo.InvariantCulture)}");
        if (v.Mac is not null) y.AppendLine($"    mac: {{{endpoint}: {YamlScalar.Of(v.Mac)}}}");
    }

    private static void Link(StringBuilder y, ExportedLink l)
    {
        var endpoints = $"[{YamlScalar.Of(l.A)}, {YamlScalar.Of(l.B)}]";
        if (l.IsShort)
        {
            y.AppendLine($"  - {endpoints}");
            return;
        }

        y.AppendLine($"  - endpoints: {endpoints}");
        if (!l.Addresses.IsEmpty)
        {
            y.AppendLine("    addresses:");
            foreach (var (endpoint, cidrs) in l.Addresses)
                y.AppendLine($"      {YamlScalar.Of(endpoint)}: [{string.Join(", ", cidrs.Select(YamlScalar.Of))}]");
        }

        if (l.Mtu is { } mtu) y.AppendLine($"    mtu: {mtu.ToString(CultureInfo.InvariantCulture)}");
        if (!l.Conditions.IsEmpty)
        {
            y.AppendLine("    conditions:");
            foreach (var (endpoint, conditions) in l.Conditions) y.AppendLine($"      {YamlScalar.Of(endpoint)}: {ConditionsMap(conditions)}");
        }

        if (l.Macs.IsEmpty) return;
        y.AppendLine("    mac:");
        foreach (var (endpoint, mac) in l.Macs) y.AppendLine($"      {YamlScalar.Of(endpoint)}: {YamlScalar.Of(mac)}");
    }
}

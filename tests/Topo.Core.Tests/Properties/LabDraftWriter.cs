using System.Text;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// Writes a draft as a topology file, in the styles the spec shows: short and long links, flow
/// routes and checks, block sysctls. Values the YAML reader could take for something else
/// (IPv6 with <c>::</c>, MACs, port maps, check targets) are quoted, as a careful user would.
/// </summary>
internal static class LabDraftWriter
{
    public static string Write(LabDraft draft)
    {
        var text = new StringBuilder();
        text.Append("version: 1\n");
        text.Append($"lab: {draft.Name}\n");
        if (!draft.HostSysctls.IsEmpty || !draft.HostRoutes.IsEmpty)
        {
            text.Append("\nhost:\n");
            Settings(text, "  ", draft.HostSysctls, draft.HostRoutes);
        }

        if (!draft.Bridges.IsEmpty) text.Append("\nbridges:\n");
        foreach (var bridge in draft.Bridges) Bridge(text, bridge);

        text.Append("\nnodes:\n");
        foreach (var node in draft.Nodes) Node(text, node);

        if (!draft.Links.IsEmpty) text.Append("\nlinks:\n");
        foreach (var link in draft.Links) Link(text, link);

        if (!draft.Checks.IsEmpty) text.Append("\nchecks:\n");
        foreach (var check in draft.Checks)
        {
            text.Append($"  - {{from: {check.From}, to: {Quoted(check.To)}");
            if (check.Proto is not null) text.Append($", proto: {check.Proto}");
            text.Append($", expect: {check.Expect}");
            if (check.Timeout is not null) text.Append($", timeout: {check.Timeout}");
            text.Append("}\n");
        }

        return text.ToString();
    }

    private static void Bridge(StringBuilder text, BridgeDraft bridge)
    {
        var fields = new List<string>();
        if (bridge.Node is not null) fields.Add($"node: {bridge.Node}");
        if (!bridge.Subnets.IsEmpty) fields.Add($"subnet: {OneOrList(bridge.Subnets, bridge.AsList)}");
        if (bridge.Address is not null) fields.Add($"address: {Quoted(bridge.Address)}");
        if (!bridge.IpRanges.IsEmpty) fields.Add($"ip_range: {OneOrList(bridge.IpRanges, bridge.AsList)}");
        if (bridge.Masquerade is { } masquerade) fields.Add($"masquerade: {Bool(masquerade)}");
        if (bridge.Isolated is { } isolated) fields.Add($"isolated: {Bool(isolated)}");
        if (bridge.Mtu is { } mtu) fields.Add($"mtu: {mtu}");
        if (fields.Count == 0)
        {
            text.Append($"  {bridge.Name}: {{}}\n");
            return;
        }

        text.Append($"  {bridge.Name}:\n");
        foreach (var field in fields) text.Append($"    {field}\n");
    }

    private static void Node(StringBuilder text, NodeDraft node)
    {
        if (node.Sysctls.IsEmpty && node.Routes.IsEmpty && node.Ports.IsEmpty)
        {
            text.Append(node.Bare ? $"  {node.Name}:\n" : $"  {node.Name}: {{}}\n");
            return;
        }

        text.Append($"  {node.Name}:\n");
        Settings(text, "    ", node.Sysctls, node.Routes);
        if (!node.Ports.IsEmpty) text.Append($"    ports: [{string.Join(", ", node.Ports.Select(Quoted))}]\n");
    }

    private static void Settings(StringBuilder text, string indent, IReadOnlyCollection<SysctlDraft> sysctls, IReadOnlyCollection<RouteDraft> routes)
    {
        if (sysctls.Count > 0) text.Append($"{indent}sysctls:\n");
        foreach (var sysctl in sysctls) text.Append($"{indent}  {sysctl.Key}: {sysctl.Value}\n");
        if (routes.Count > 0) text.Append($"{indent}routes:\n");
        foreach (var route in routes)
        {
            var parts = new List<string> { $"to: {Quoted(route.To)}" };
            if (route.Via is not null) parts.Add($"via: {Quoted(route.Via)}");
            if (route.Dev is not null) parts.Add($"dev: {route.Dev}");
            text.Append($"{indent}  - {{{string.Join(", ", parts)}}}\n");
        }
    }

    private static void Link(StringBuilder text, LinkDraft link)
    {
        if (link.IsShort)
        {
            text.Append($"  - [{link.A}, {link.B}]\n");
            return;
        }

        text.Append($"  - endpoints: [{link.A}, {link.B}]\n");
        if (!link.Addresses.IsEmpty) text.Append("    addresses:\n");
        foreach (var entry in link.Addresses)
        {
            var value = entry.AsScalar && entry.Cidrs.Length == 1
                ? Quoted(entry.Cidrs[0])
                : $"[{string.Join(", ", entry.Cidrs.Select(Quoted))}]";
            text.Append($"      {entry.End}: {value}\n");
        }

        if (link.Mtu is { } mtu) text.Append($"    mtu: {mtu}\n");
        if (!link.Macs.IsEmpty) text.Append("    mac:\n");
        foreach (var entry in link.Macs) text.Append($"      {entry.End}: \"{entry.Mac}\"\n");
    }

    /// <summary>A single value as a scalar, as the spec's first form writes it, unless the draft wants the list.</summary>
    private static string OneOrList(IReadOnlyList<string> values, bool asList) =>
        values.Count == 1 && !asList ? Quoted(values[0]) : $"[{string.Join(", ", values.Select(Quoted))}]";

    /// <summary>Quotes what holds a colon; a plain IPv4 CIDR stays plain, as the spec writes it.</summary>
    private static string Quoted(string value) => value.Contains(':', StringComparison.Ordinal) ? $"\"{value}\"" : value;

    private static string Bool(bool value) => value ? "true" : "false";
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Topo.Core.Export;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Cli.Output;

/// <summary>
/// <c>topo inspect</c> on a terminal: one table of interfaces per namespace, as <c>ip -br</c> would
/// show them but with each veth's other end named (<c>eth0@if8</c> becomes <c>host:veth1a2b3c4d</c>),
/// then its routes and its interfaces' conditions, then the lab's nftables table where it is, with its rules.
/// </summary>
public static class InspectText
{
    private static readonly string[] Header = ["IDX", "INTERFACE", "KIND", "PEER/PARENT", "MASTER", "MAC", "MTU", "STATE", "ADDRESSES"];

    /// <param name="names">How to name attached namespaces (by their nodes, from the file); plain paths when null.</param>
    public static string Render(string lab, LabState state, NamespaceNames? names = null)
    {
        names ??= NamespaceNames.Plain;
        var view = new HeldState(state);
        var text = new StringBuilder();
        if (view.Namespaces.All(n => n.IsHost && view.Interfaces(n).Count == 0))
        {
            // Nothing to draw a table of: say why rather than print an empty page.
            return $"Lab '{lab}' is not there: no namespace carries its mark or a node's name, and the host holds nothing of it (`topo apply FILE` builds it).\n";
        }

        foreach (var ns in view.Namespaces.Where(n => !n.IsHost || view.Interfaces(n).Count > 0))
        {
            var owner = view.Owner(ns);
            text.AppendLine(ns.IsHost ? "host:"
                : ns.IsAttached ? $"attached netns {names.Of(ns)}:"
                : $"netns {ns}" + (owner is null ? ":" : $" (lab {owner}):"));
            if (view.Interfaces(ns).Count == 0) text.AppendLine("  (no interfaces but lo)");
            else Table(text, [Header, .. view.Interfaces(ns).Select(i => Row(i, view.Addresses(i), names))]);
            foreach (var route in view.Routes(ns)) text.AppendLine($"  route {route.Text}");
            foreach (var q in state.Resources.OfType<QdiscResource>().Where(q => q.Ns == ns)) text.AppendLine($"  conditions on {q.Device}: {q.Conditions.Words}");
            foreach (var (key, value) in view.Sysctls(ns).Where(s => s.Value != "0")) text.AppendLine($"  sysctl {key} = {value}");
        }

        Tables(text, lab, view);
        return text.ToString();
    }

    /// <summary>The lab's table in each namespace that holds it, each rule under its chain and the chain's type (nat, filter).</summary>
    private static void Tables(StringBuilder text, string lab, HeldState view)
    {
        var table = $"ip {NftTableResource.TableName(lab)}";
        var holding = view.Namespaces.Select(view.Table).OfType<NftTableResource>().ToList();
        if (holding.Count == 0) text.AppendLine($"nftables: no table {table} in the host or the lab's namespaces");
        foreach (var held in holding)
        {
            var twin = held.HasIp6 ? $" and ip6 {NftTableResource.TableName(lab)}" : "";
            text.AppendLine($"nftables table {table}{twin} in {held.Ns.Display}:" + (held.Rules.IsEmpty ? " no rules" : ""));
            foreach (var rule in held.Rules)
            {
                var chain = NftChainDefinition.Of(rule.Chain);
                text.AppendLine($"  {(rule.Family == NftFamily.Ip ? "" : rule.Family.Keyword() + " ")}{chain.Name} ({chain.Type}): {rule.Listed}");
            }
        }
    }

    private static string[] Row(HeldInterface i, ImmutableArray<string> addresses, NamespaceNames names) =>
    [
        i.Facts.Index.ToString(CultureInfo.InvariantCulture),
        (i.Facts.Peer?.Index ?? i.Facts.LinkIndex) is { } n ? $"{i.Name}@if{n.ToString(CultureInfo.InvariantCulture)}" : i.Name,
        i.Kind,
        // A vxlan's other end is the tunnel's. A veth whose other end is in a namespace not shown: say so rather than leave a blank.
        i.Of is VxlanResource v ? $"id {v.Vni} {v.Tunnel}"
        : (i.Facts.Peer is { } peer ? $"{names.Of(peer.Namespace)}:{peer.Name}" : null) ?? (i.Facts.LinkIndex is null ? "-" : "(not shown)"),
        i.End.Master ?? "-",
        i.End.Mac ?? "-",
        (i.End.Mtu ?? 0).ToString(CultureInfo.InvariantCulture),
        i.End.Up == true ? "up" : "down",
        addresses.IsEmpty ? "-" : string.Join(' ', addresses),
    ];

    private static void Table(StringBuilder text, IReadOnlyList<string[]> rows)
    {
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            // The last column is not padded, so no line ends in spaces.
            text.Append("  ").AppendLine(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))));
        }
    }
}

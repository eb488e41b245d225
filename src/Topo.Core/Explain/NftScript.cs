using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Explain;

/// <summary>
/// The lab's nftables tables as an <c>nft -f -</c> script: one file is one transaction, as topo's
/// own batch is. The chain declarations must be the ones the kernel layer makes; the end-to-end
/// explain test proves it, because the reader reports any other declaration as drift. The
/// <c>ip</c> table is always made (it carries the mark); the <c>ip6</c> one only for IPv6 rules.
/// </summary>
internal static class NftScript
{
    public static string Create(NftTableResource table) => Script(table, replace: false, hadIp6: false);

    /// <summary>Replacing the whole table at once: adding it first makes the delete succeed whether or not it is there.</summary>
    /// <param name="hadIp6">The kernel's table had IPv6 rules, whose table goes when the new rules have none.</param>
    public static string Replace(NftTableResource table, bool hadIp6) => Script(table, replace: true, hadIp6);

    public static string Delete(NftTableResource table)
    {
        var families = table.HasIp6 ? new[] { NftFamily.Ip, NftFamily.Ip6 } : [NftFamily.Ip];
        return string.Join("\n", families.Select(f => $"{Where.Exec(table.Ns)}nft delete table {f.Keyword()} {ShellWords.Quote(table.Table)}"));
    }

    private static string Script(NftTableResource table, bool replace, bool hadIp6)
    {
        var lines = new List<string> { $"{Where.Exec(table.Ns)}nft -f - <<'EOF'" };
        foreach (var family in new[] { NftFamily.Ip, NftFamily.Ip6 })
        {
            var name = $"{family.Keyword()} {table.Table}";
            var rules = table.Ordered.Where(r => r.Family == family).ToList();
            if (family == NftFamily.Ip6 && rules.Count == 0)
            {
                // The IPv6 table of an earlier lab file goes; adding it first makes the delete succeed either way.
                if (hadIp6) lines.AddRange([$"add table {name}", $"delete table {name}"]);
                continue;
            }

            // The comment is the lab's mark, which the kernel sets only when it makes the table.
            lines.Add($"add table {name} {{ comment \"{Ownership.Mark(NftTableResource.LabOf(table.Table) ?? table.Table)}\"; }}");
            if (replace) lines.AddRange([$"flush table {name}", .. Deletions(name)]);
            // Only chains with rules, as topo does: a nat chain turns on connection tracking.
            foreach (var chain in rules.Select(r => r.Chain).Distinct())
            {
                var (chainName, declaration) = Declaration(chain);
                lines.Add($"add chain {name} {chainName} {{ {declaration} }}");
            }

            lines.AddRange(rules.Select(r => $"add rule {name} {Declaration(r.Chain).Name} {r.Listed}"));
        }

        lines.Add("EOF");
        return string.Join("\n", lines);
    }

    // What the table may hold of topo's: a script cannot list it first, so each of the lab's chains is
    // made (plain, if missing) and deleted. Anything else made by hand stays, and shows as drift.
    private static IEnumerable<string> Deletions(string name) =>
        Enum.GetValues<NftChain>().Select(c => NftChainDefinition.Of(c).Name).SelectMany(c => (string[])[$"add chain {name} {c}", $"delete chain {name} {c}"]);

    private static (string Name, string Declaration) Declaration(NftChain chain)
    {
        var d = NftChainDefinition.Of(chain);
        return (d.Name, $"type {d.Type} hook {d.Hook} priority {d.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)}; policy {NftChainDefinition.Policy};");
    }
}

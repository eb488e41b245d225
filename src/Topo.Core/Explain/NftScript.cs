using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Explain;

/// <summary>
/// The lab's nftables table as an <c>nft -f -</c> script: one file is one transaction, as topo's
/// own batch is. The chain declarations must be the ones the kernel layer makes; the end-to-end
/// explain test proves it, because the reader reports any other declaration as drift.
/// </summary>
internal static class NftScript
{
    private const string Family = "ip";

    public static string Create(NftTableResource table) => Script(table, replace: false);

    /// <summary>Replacing the whole table at once: adding it first makes the delete succeed whether or not it is there.</summary>
    public static string Replace(NftTableResource table) => Script(table, replace: true);

    public static string Delete(NftTableResource table) => $"{Where.Exec(table.Ns)}nft delete table {Family} {ShellWords.Quote(table.Table)}";

    private static string Script(NftTableResource table, bool replace)
    {
        var name = $"{Family} {table.Table}";
        // The comment is the lab's mark, which the kernel sets only when it makes the table.
        var marked = $"add table {name} {{ comment \"{Ownership.Mark(NftTableResource.LabOf(table.Table) ?? table.Table)}\"; }}";
        var lines = new List<string> { $"{Where.Exec(table.Ns)}nft -f - <<'EOF'", marked };
        if (replace) lines.AddRange([$"flush table {name}", .. Deletions(name)]);
        var rules = table.Rules.OrderBy(r => r.Chain).ToList();
        // Only chains with rules, as topo does: a nat chain turns on connection tracking.
        foreach (var chain in rules.Select(r => r.Chain).Distinct())
        {
            var (chainName, declaration) = Declaration(chain);
            lines.Add($"add chain {name} {chainName} {{ {declaration} }}");
        }

        lines.AddRange(rules.Select(r => $"add rule {name} {Declaration(r.Chain).Name} {r.Text}"));
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

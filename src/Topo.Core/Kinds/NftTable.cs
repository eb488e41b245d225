using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// The lab's own nftables table (<c>ip topo-LAB</c>) in one namespace, with its IPv6 twin
/// (<c>ip6 topo-LAB</c>) when a rule is IPv6's, applied as one atomic batch. Any difference in its
/// rules is an in-place change: the whole table is replaced at once. The <c>ip</c> table is there
/// whenever the resource is, rules or none: it carries the lab's mark for both.
/// </summary>
public sealed record NftTableResource(Netns Ns, string Table, ImmutableArray<NftRule> Rules) : Resource
{
    private const string Prefix = "topo-";

    public static string TableName(string lab) => Prefix + lab;

    /// <summary>The lab whose table is named <paramref name="table"/>, or null for a name topo never gives a table.</summary>
    public static string? LabOf(string table) => table.StartsWith(Prefix, StringComparison.Ordinal) && table.Length > Prefix.Length ? table[Prefix.Length..] : null;

    public override ResourceKey Key => new(ResourceKind.NftTable, Ns, Table);

    public override IEnumerable<ResourceKey> Dependencies =>
        Ns.IsHost ? [] : [ResourceKey.OfNamespace(Ns)];

    public override IEnumerable<Attr> Attributes => [new("rules", RulesText, AttrUpdate.InPlace)];

    /// <summary>The rules, one per line as <c>chain: rule</c> (<c>ip6 chain: rule</c> for the IPv6 table's), in family, chain then rule order.</summary>
    public string RulesText =>
        string.Join("\n", Ordered.Select(r => $"{(r.Family == NftFamily.Ip ? "" : r.Family.Keyword() + " ")}{r.Chain.ToString().ToLowerInvariant()}: {r.Listed}"));

    /// <summary>The rules in the order the tables hold them: the <c>ip</c> table's first, each by chain, then as written.</summary>
    public IEnumerable<NftRule> Ordered => Rules.OrderBy(r => r.Family).ThenBy(r => r.Chain);

    /// <summary>Whether a <see cref="RulesText"/> holds a rule of the IPv6 table.</summary>
    public static bool NamesIp6(string rulesText) => rulesText.Split('\n').Any(l => l.StartsWith("ip6 ", StringComparison.Ordinal));

    /// <summary>Whether the IPv6 table is wanted: it is made only for IPv6 rules.</summary>
    public bool HasIp6 => Rules.Any(r => r.Family == NftFamily.Ip6);

    public override string Describe(NamespaceNames names) => $"nftables table {Table} in {names.Of(Ns)} ({Rules.Length} rules)";
}

/// <summary>The lab's table by hand, as one <c>nft -f</c> script; in the picture, its NAT and isolation.</summary>
internal sealed class NftTableText : KindText<NftTableResource>
{
    private protected override IEnumerable<string> Create(NftTableResource t, ExplainContext x) => [NftScript.Create(t)];

    private protected override IEnumerable<string> Update(NftTableResource t, ImmutableArray<AttrChange> changes, ExplainContext x) => [NftScript.Replace(t, changes.Any(c => c.Old is { } old && NftTableResource.NamesIp6(old)))];

    private protected override IEnumerable<string> Delete(NftTableResource t, ExplainContext x) => [NftScript.Delete(t)];

    private protected override void Draw(NftTableResource t, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        new NatPicture(draft, interfaces).Add(t, state);
}

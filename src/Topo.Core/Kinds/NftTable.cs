using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// The lab's own nftables table (<c>ip topo-LAB</c>) in one namespace, applied as one atomic
/// batch. Any difference in its rules is an in-place change: the whole table is replaced at once.
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

    /// <summary>The rules, one per line as <c>chain: rule</c>, in chain then rule order.</summary>
    public string RulesText =>
        string.Join("\n", Rules.OrderBy(r => r.Chain).Select(r => $"{r.Chain.ToString().ToLowerInvariant()}: {r.Text}"));

    public override string Describe(NamespaceNames names) => $"nftables table {Table} in {names.Of(Ns)} ({Rules.Length} rules)";
}

/// <summary>The lab's table by hand, as one <c>nft -f</c> script; in the picture, its NAT and isolation.</summary>
internal sealed class NftTableText : KindText<NftTableResource>
{
    private protected override IEnumerable<string> Create(NftTableResource t, ExplainContext x) => [NftScript.Create(t)];

    private protected override IEnumerable<string> Update(NftTableResource t, ImmutableArray<AttrChange> changes, ExplainContext x) => [NftScript.Replace(t)];

    private protected override IEnumerable<string> Delete(NftTableResource t, ExplainContext x) => [NftScript.Delete(t)];

    private protected override void Draw(NftTableResource t, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        new NatPicture(draft, interfaces).Add(t, state);
}

using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Linux.Nftables;

/// <summary>
/// Reads a <c>list table</c> JSON answer (the <c>ip</c> table's, with its <c>ip6</c> twin's merged in)
/// back into the resource that was applied: rules in family then chain order, and within a chain in
/// the kernel's order, which is the order they were added. Its owner is not in the listing (see
/// <see cref="NftTableMark"/>): the caller sets it.
/// </summary>
internal static class NftTableReader
{
    private static readonly FrozenSet<string> RuleProperties = new[] { "family", "table", "chain", "handle", "expr", "comment" }.ToFrozenSet();

    /// <param name="textOfRules">A family's table's rule handles to their nft text; asked only when something foreign needs showing.</param>
    public static NftTableResource Parse(string json, Netns ns, string table, Func<NftFamily, IReadOnlyDictionary<long, string>> textOfRules)
    {
        using var document = JsonDocument.Parse(json);
        var rules = new List<NftRule>();
        var known = new Dictionary<NftFamily, IReadOnlyDictionary<long, string>>();
        IReadOnlyDictionary<long, string> Texts(NftFamily family) => known.TryGetValue(family, out var t) ? t : known[family] = textOfRules(family);
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            var (kind, body) = Single(item);
            switch (kind)
            {
                case "metainfo" or "table":
                    break;
                case "chain":
                    if (ChainDrift(body) is { } drift) rules.Add(drift with { In = FamilyOf(body) });
                    break;
                case "rule":
                    rules.Add(Rule(body, FamilyOf(body), Texts));
                    break;
                default:
                    rules.Add(new ForeignNftRule("", $"{kind} {Name(body)}") { In = FamilyOf(body) });
                    break;
            }
        }

        var ordered = rules.OrderBy(r => r.Family).ThenBy(r => r.Chain).ThenBy(r => r is ForeignNftRule f && NftChainDefinition.Named(f.ChainName) is null).ToImmutableArray();
        return new NftTableResource(ns, table, ordered);
    }

    private static NftRule Rule(JsonElement body, NftFamily family, Func<NftFamily, IReadOnlyDictionary<long, string>> texts)
    {
        var chainName = body.GetProperty("chain").GetString() ?? "";
        var onlyOurs = body.EnumerateObject().All(p => RuleProperties.Contains(p.Name));
        if (onlyOurs && NftChainDefinition.Named(chainName) is { } chain && body.TryGetProperty("expr", out var expressions)
            && NftRuleRecognizer.Recognize(chain.Chain, family, expressions) is { } ours)
            return ours with { Comment = body.TryGetProperty("comment", out var c) ? c.GetString() : null };
        var handle = body.TryGetProperty("handle", out var h) ? h.GetInt64() : -1;
        var text = texts(family).TryGetValue(handle, out var t) ? t : body.GetProperty("expr").GetRawText();
        return new ForeignNftRule(chainName, text) { In = family };
    }

    // The listing holds only the lab's two tables: anything not marked ip6 is the ip table's.
    private static NftFamily FamilyOf(JsonElement body) => NftFamilies.Parse(Text(body, "family")) ?? NftFamily.Ip;

    /// <summary>A chain topo would not have declared so; an empty chain of ours is no drift.</summary>
    private static ForeignNftRule? ChainDrift(JsonElement body)
    {
        var name = body.GetProperty("name").GetString() ?? "";
        var type = Text(body, "type");
        var hook = Text(body, "hook");
        var prio = body.TryGetProperty("prio", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : (int?)null;
        var policy = Text(body, "policy");
        var ours = NftChainDefinition.Named(name);
        if (ours is not null && ours.Type == type && ours.Hook == hook && ours.Priority == prio && policy == NftChainDefinition.Policy) return null;
        var declared = hook is null ? "chain (no hook)" : $"chain {{ type {type} hook {hook} priority {prio}; policy {policy}; }}";
        return new ForeignNftRule(name, declared);
    }

    private static (string Kind, JsonElement Body) Single(JsonElement item)
    {
        var property = item.EnumerateObject().First();
        return (property.Name, property.Value);
    }

    private static string Name(JsonElement body) => Text(body, "name") ?? "";

    private static string? Text(JsonElement body, string property) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

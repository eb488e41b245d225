using System.Collections.Immutable;
using System.Text.Json;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Linux.Nftables;

/// <summary>
/// The rules of a namespace's nftables tables that no lab made (every table not named <c>topo-LAB</c>),
/// from a <c>list ruleset</c> JSON answer, for the export of namespaces built by hand: each rule with
/// its text as nft lists it, and the source network of a masquerade.
/// </summary>
internal static class NftRuleset
{
    private static readonly ImmutableHashSet<string> Families = ["ip", "ip6", "inet", "arp", "bridge", "netdev"];

    /// <param name="textOfRules">A table's rule handles to their nft text (family, table); asked once per table that has rules.</param>
    public static ImmutableArray<HandMadeNftRule> HandMade(string json, Func<string, string, IReadOnlyDictionary<long, string>> textOfRules)
    {
        using var document = JsonDocument.Parse(json);
        var texts = new Dictionary<(string, string), IReadOnlyDictionary<long, string>>();
        var rules = ImmutableArray.CreateBuilder<HandMadeNftRule>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            if (!item.TryGetProperty("rule", out var rule)) continue;
            var family = rule.GetProperty("family").GetString() ?? "";
            var table = rule.GetProperty("table").GetString() ?? "";
            if (NftTableResource.LabOf(table) is not null) continue;
            var handle = rule.TryGetProperty("handle", out var h) ? h.GetInt64() : -1;
            var expressions = rule.GetProperty("expr");
            var text = Listable(family, table) && (texts.TryGetValue((family, table), out var known) ? known : texts[(family, table)] = textOfRules(family, table))
                .TryGetValue(handle, out var t) ? t : expressions.GetRawText();
            rules.Add(new HandMadeNftRule($"{family} {table}", text, family == "ip" ? MasqueradedSource(expressions) : null));
        }

        return rules.ToImmutable();
    }

    // A name goes into a text command only when it is a plain identifier and the family one nft knows.
    private static bool Listable(string family, string table)
    {
        try
        {
            NftCommands.CheckTableName(table);
            return Families.Contains(family);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The network of an <c>ip saddr NETWORK ... masquerade</c> rule, or null for any other rule.</summary>
    private static string? MasqueradedSource(JsonElement expressions)
    {
        var items = expressions.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).ToList();
        if (!items.Any(e => e.TryGetProperty("masquerade", out _))) return null;
        foreach (var item in items)
        {
            if (!item.TryGetProperty("match", out var match) || match.GetProperty("op").GetString() != "==") continue;
            if (!match.GetProperty("left").TryGetProperty("payload", out var p) || p.ValueKind != JsonValueKind.Object) continue;
            if (!p.TryGetProperty("field", out var field) || field.GetString() != "saddr" || !p.TryGetProperty("protocol", out var protocol) || protocol.GetString() != "ip") continue;
            var right = match.GetProperty("right");
            if (right.ValueKind == JsonValueKind.String) return $"{right.GetString()}/32";
            if (right.TryGetProperty("prefix", out var prefix)) return $"{prefix.GetProperty("addr").GetString()}/{prefix.GetProperty("len").GetInt32()}";
        }

        return null;
    }
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Linux.Nftables;

/// <summary>
/// The libnftables JSON documents topo sends: one per operation, each a single batch. Commands are JSON nodes
/// (libnftables-json(5) has a shape per verb and object, no one record fits), written by System.Text.Json.
/// </summary>
internal static class NftCommands
{
    /// <summary>
    /// The commands that fill the lab's tables with exactly their rules, one JSON object each, written
    /// (and so checked) before anything is sent: the <c>ip</c> table's, then the <c>ip6</c> table's.
    /// Only chains that hold rules are declared: a nat chain turns on connection tracking in the
    /// namespace, which a lab with only isolation rules should not pay for.
    /// </summary>
    /// <exception cref="ArgumentException">A rule has a value nft would refuse.</exception>
    public static IReadOnlyList<JsonObject> Fill(NftTableResource table)
    {
        var rules = table.Ordered.ToList();
        var commands = new List<JsonObject>();
        foreach (var (family, chain) in rules.Select(r => (r.Family, r.Chain)).Distinct())
        {
            var d = NftChainDefinition.Of(chain);
            commands.Add(Command("add", "chain", new JsonObject
            {
                ["family"] = family.Keyword(),
                ["table"] = table.Table,
                ["name"] = d.Name,
                ["type"] = d.Type,
                ["hook"] = d.Hook,
                ["prio"] = d.Priority,
                ["policy"] = NftChainDefinition.Policy,
            }));
        }

        foreach (var rule in rules)
        {
            var body = new JsonObject
            {
                ["family"] = rule.Family.Keyword(),
                ["table"] = table.Table,
                ["chain"] = NftChainDefinition.Of(rule.Chain).Name,
                ["expr"] = NftRuleJson.Expressions(rule),
            };
            if (rule.Comment is { } comment) body["comment"] = NftRuleJson.Comment(comment);
            commands.Add(Command("add", "rule", body));
        }

        return commands;
    }

    /// <summary>
    /// Replaces the content of the tables in one transaction, keeping each table itself (and so its
    /// mark, which the kernel sets only when it makes a table): everything <paramref name="listing"/>
    /// (their JSON listing; null for tables just made, empty) shows goes, rules first so that no chain
    /// is still jumped to when it is deleted, then <paramref name="fill"/> comes. The kernel swaps old
    /// for new at commit, never showing neither. <paramref name="dropIp6"/> deletes the lab's <c>ip6</c>
    /// table in the same transaction, when no rule is IPv6's any more.
    /// </summary>
    public static string Replace(string table, IReadOnlyList<JsonObject> fill, string? listing, bool dropIp6 = false)
    {
        var commands = new List<JsonNode>();
        if (listing is not null)
        {
            var held = Held(listing);
            foreach (var family in held.Select(h => h.Family).Distinct().Where(f => !(dropIp6 && f == NftFamily.Ip6)))
            {
                commands.Add(Command("flush", "table", TableBody(table, family)));
                foreach (var (_, kind, name) in held.Where(h => h.Family == family && h.Kind != "table").OrderBy(h => h.Kind == "chain"))
                    commands.Add(Command("delete", kind, new JsonObject { ["family"] = family.Keyword(), ["table"] = table, ["name"] = name }));
            }
        }

        if (dropIp6) commands.Add(Command("delete", "table", TableBody(table, NftFamily.Ip6)));
        // Copies: a node belongs to one document, and the fill stays the caller's.
        foreach (var command in fill) commands.Add(command.DeepClone());
        return Document(commands);
    }

    public static string List(string table, NftFamily family = NftFamily.Ip) => Document([Command("list", "table", TableBody(table, family))]);

    public static string ListRuleset() => Document([new JsonObject { ["list"] = new JsonObject { ["ruleset"] = null } }]);

    /// <summary>The text command that lists the table with rule handles, for showing rules topo did not write.</summary>
    public static string ListText(string table, NftFamily family = NftFamily.Ip) => $"list table {family.Keyword()} {table}";

    /// <summary>
    /// Two listings (the <c>ip</c> table's, the <c>ip6</c> table's) as one: a listing's items each name their
    /// family, so the reader and <see cref="Replace"/> take them apart again.
    /// </summary>
    public static string Merge(string ip, string? ip6)
    {
        if (ip6 is null) return ip;
        var first = JsonNode.Parse(ip)!.AsObject();
        var items = first["nftables"]!.AsArray();
        foreach (var item in JsonNode.Parse(ip6)!["nftables"]!.AsArray().Select(i => i!.DeepClone()).Where(i => i.AsObject().First().Key != "metainfo").ToList())
            items.Add(item);
        return first.ToJsonString();
    }

    /// <summary>
    /// Table names go into a text command as well as JSON, so they are held to nft's identifier
    /// syntax before anything is sent.
    /// </summary>
    public static void CheckTableName(string table)
    {
        if (table.Length is 0 or > 64 || !char.IsAsciiLetter(table[0]) || !table.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"'{table}' is not an nftables table name topo uses (topo-LAB)");
    }

    /// <summary>The expressions of one rule alone, as the recogniser compares them.</summary>
    public static byte[] Expressions(NftRule rule) => Encoding.UTF8.GetBytes(NftRuleJson.Expressions(rule).ToJsonString());

    /// <summary>The tables and named objects in a listing (chains, sets, maps, stateful objects, flowtables), each with its family.</summary>
    private static List<(NftFamily Family, string Kind, string Name)> Held(string listing)
    {
        using var document = JsonDocument.Parse(listing);
        var held = new List<(NftFamily, string, string)>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            var property = item.EnumerateObject().First();
            if (property.Name is "metainfo" or "rule") continue;
            var family = property.Value.TryGetProperty("family", out var f) ? NftFamilies.Parse(f.GetString()) : null;
            if (family is not null && property.Value.TryGetProperty("name", out var name) && name.GetString() is { } text) held.Add((family.Value, property.Name, text));
        }

        return held;
    }

    private static JsonObject TableBody(string table, NftFamily family)
    {
        CheckTableName(table);
        return new JsonObject { ["family"] = family.Keyword(), ["name"] = table };
    }

    private static JsonObject Command(string verb, string kind, JsonObject body) => new() { [verb] = new JsonObject { [kind] = body } };

    private static string Document(IEnumerable<JsonNode> commands) => new JsonObject { ["nftables"] = new JsonArray([.. commands]) }.ToJsonString();
}

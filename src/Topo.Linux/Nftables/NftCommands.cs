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
    private const string Family = "ip";

    /// <summary>
    /// The commands that fill the lab's table with exactly its rules, one JSON object each, written
    /// (and so checked) before anything is sent. Only chains that hold rules are declared: a nat
    /// chain turns on connection tracking in the namespace, which a lab with only isolation rules
    /// should not pay for.
    /// </summary>
    /// <exception cref="ArgumentException">A rule has a value nft would refuse.</exception>
    public static IReadOnlyList<JsonObject> Fill(NftTableResource table)
    {
        var rules = table.Rules.OrderBy(r => r.Chain).ToList();
        var commands = new List<JsonObject>();
        foreach (var chain in rules.Select(r => r.Chain).Distinct())
        {
            var d = NftChainDefinition.Of(chain);
            commands.Add(Command("add", "chain", new JsonObject
            {
                ["family"] = Family,
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
            commands.Add(Command("add", "rule", new JsonObject
            {
                ["family"] = Family,
                ["table"] = table.Table,
                ["chain"] = NftChainDefinition.Of(rule.Chain).Name,
                ["expr"] = NftRuleJson.Expressions(rule),
            }));
        }

        return commands;
    }

    /// <summary>
    /// Replaces the content of the table in one transaction, keeping the table itself (and so its
    /// mark, which the kernel sets only when it makes a table): everything <paramref name="listing"/>
    /// (its JSON listing; null for a table just made, empty) shows goes, rules first so that no chain
    /// is still jumped to when it is deleted, then <paramref name="fill"/> comes. The kernel swaps old
    /// for new at commit, never showing neither.
    /// </summary>
    public static string Replace(string table, IReadOnlyList<JsonObject> fill, string? listing)
    {
        var commands = new List<JsonNode>();
        if (listing is not null)
        {
            commands.Add(Command("flush", "table", TableBody(table)));
            foreach (var (kind, name) in Held(listing).OrderBy(h => h.Kind == "chain"))
                commands.Add(Command("delete", kind, new JsonObject { ["family"] = Family, ["table"] = table, ["name"] = name }));
        }

        // Copies: a node belongs to one document, and the fill stays the caller's.
        foreach (var command in fill) commands.Add(command.DeepClone());
        return Document(commands);
    }

    public static string List(string table) => Document([Command("list", "table", TableBody(table))]);

    public static string ListRuleset() => Document([new JsonObject { ["list"] = new JsonObject { ["ruleset"] = null } }]);

    /// <summary>The text command that lists the table with rule handles, for showing rules topo did not write.</summary>
    public static string ListText(string table) => $"list table {Family} {table}";

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

    /// <summary>The named objects in a table's listing (chains, sets, maps, stateful objects, flowtables).</summary>
    private static IEnumerable<(string Kind, string Name)> Held(string listing)
    {
        using var document = JsonDocument.Parse(listing);
        var held = new List<(string, string)>();
        foreach (var item in document.RootElement.GetProperty("nftables").EnumerateArray())
        {
            var property = item.EnumerateObject().First();
            if (property.Name is "metainfo" or "table" or "rule") continue;
            if (property.Value.TryGetProperty("name", out var name) && name.GetString() is { } text) held.Add((property.Name, text));
        }

        return held;
    }

    private static JsonObject TableBody(string table)
    {
        CheckTableName(table);
        return new JsonObject { ["family"] = Family, ["name"] = table };
    }

    private static JsonObject Command(string verb, string kind, JsonObject body) => new() { [verb] = new JsonObject { [kind] = body } };

    private static string Document(IEnumerable<JsonNode> commands) => new JsonObject { ["nftables"] = new JsonArray([.. commands]) }.ToJsonString();
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Linux.Nftables;

/// <summary>The libnftables JSON documents topo sends: one per operation, each a single batch.</summary>
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
    public static IReadOnlyList<byte[]> Fill(NftTableResource table)
    {
        var rules = table.Rules.OrderBy(r => r.Chain).ToList();
        var commands = new List<byte[]>();
        foreach (var chain in rules.Select(r => r.Chain).Distinct())
        {
            var d = NftChainDefinition.Of(chain);
            commands.Add(Written(w => Command(w, "add", "chain", x =>
            {
                x.WriteString("family", Family);
                x.WriteString("table", table.Table);
                x.WriteString("name", d.Name);
                x.WriteString("type", d.Type);
                x.WriteString("hook", d.Hook);
                x.WriteNumber("prio", d.Priority);
                x.WriteString("policy", NftChainDefinition.Policy);
            })));
        }

        foreach (var rule in rules)
        {
            commands.Add(Written(w => Command(w, "add", "rule", x =>
            {
                x.WriteString("family", Family);
                x.WriteString("table", table.Table);
                x.WriteString("chain", NftChainDefinition.Of(rule.Chain).Name);
                x.WritePropertyName("expr");
                NftRuleJson.WriteExpressions(x, rule);
            })));
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
    public static string Replace(string table, IReadOnlyList<byte[]> fill, string? listing) => Document(w =>
    {
        if (listing is not null)
        {
            Command(w, "flush", "table", TableBody(table));
            foreach (var (kind, name) in Held(listing).OrderBy(h => h.Kind == "chain"))
            {
                Command(w, "delete", kind, x =>
                {
                    x.WriteString("family", Family);
                    x.WriteString("table", table);
                    x.WriteString("name", name);
                });
            }
        }

        foreach (var command in fill) w.WriteRawValue(command, skipInputValidation: true);
    });

    public static string List(string table) => Document(w => Command(w, "list", "table", TableBody(table)));

    public static string ListRuleset() => Document(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("list");
        w.WriteNull("ruleset");
        w.WriteEndObject();
        w.WriteEndObject();
    });

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
    public static byte[] Expressions(NftRule rule) => Written(w => NftRuleJson.WriteExpressions(w, rule));

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

    private static byte[] Written(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) write(w);
        return buffer.WrittenSpan.ToArray();
    }

    private static Action<Utf8JsonWriter> TableBody(string table)
    {
        CheckTableName(table);
        return x =>
        {
            x.WriteString("family", Family);
            x.WriteString("name", table);
        };
    }

    private static void Command(Utf8JsonWriter w, string verb, string kind, Action<Utf8JsonWriter> body)
    {
        w.WriteStartObject();
        w.WriteStartObject(verb);
        w.WriteStartObject(kind);
        body(w);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static string Document(Action<Utf8JsonWriter> commands)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("nftables");
            commands(w);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

using System.Buffers;
using System.Text;
using System.Text.Json;
using Topo.Core.State;

namespace Topo.Linux.Nftables;

/// <summary>The libnftables JSON documents topo sends: one per operation, each a single batch.</summary>
internal static class NftCommands
{
    private const string Family = "ip";

    /// <summary>
    /// Create-or-replace in one transaction: adding the table first makes the delete succeed
    /// whether or not it existed, and the kernel swaps old for new at commit, never showing neither.
    /// Only chains that hold rules are declared: a nat chain turns on connection tracking in the
    /// namespace, which a lab with only isolation rules should not pay for.
    /// </summary>
    public static string Replace(NftTableResource table)
    {
        var rules = table.Rules.OrderBy(r => r.Chain).ToList();
        return Document(w =>
        {
            Command(w, "add", "table", TableBody(table.Table));
            Command(w, "delete", "table", TableBody(table.Table));
            Command(w, "add", "table", TableBody(table.Table));
            foreach (var chain in rules.Select(r => r.Chain).Distinct())
            {
                var d = NftChainDefinition.Of(chain);
                Command(w, "add", "chain", x =>
                {
                    x.WriteString("family", Family);
                    x.WriteString("table", table.Table);
                    x.WriteString("name", d.Name);
                    x.WriteString("type", d.Type);
                    x.WriteString("hook", d.Hook);
                    x.WriteNumber("prio", d.Priority);
                    x.WriteString("policy", NftChainDefinition.Policy);
                });
            }

            foreach (var rule in rules)
            {
                Command(w, "add", "rule", x =>
                {
                    x.WriteString("family", Family);
                    x.WriteString("table", table.Table);
                    x.WriteString("chain", NftChainDefinition.Of(rule.Chain).Name);
                    x.WritePropertyName("expr");
                    NftRuleJson.WriteExpressions(x, rule);
                });
            }
        });
    }

    public static string List(string table) => Document(w => Command(w, "list", "table", TableBody(table)));

    public static string ListTables() => Document(w => Command(w, "list", "tables", x => x.WriteString("family", Family)));

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
    public static byte[] Expressions(NftRule rule)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer)) NftRuleJson.WriteExpressions(w, rule);
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

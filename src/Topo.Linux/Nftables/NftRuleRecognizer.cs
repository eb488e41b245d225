using System.Text.Json;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Nftables;

/// <summary>
/// Turns a rule read from the kernel back into the record that wrote it. It guesses the record
/// from the rule's values, then writes that guess and compares expression by expression: a rule
/// is ours only when it is exactly what topo would have written, so any hand edit (a counter, a
/// comment, another port) is drift rather than silently accepted.
/// </summary>
internal static class NftRuleRecognizer
{
    public static NftRule? Recognize(NftChain chain, NftFamily family, JsonElement expressions)
    {
        if (expressions.ValueKind != JsonValueKind.Array) return null;
        NftRule? guess;
        try
        {
            guess = Guess(chain, family, Statements.Of(expressions));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            return null;
        }

        if (guess is null) return null;
        try
        {
            using var written = JsonDocument.Parse(NftCommands.Expressions(guess));
            return guess.Family == family && JsonElement.DeepEquals(written.RootElement, expressions) ? guess : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static NftRule? Guess(NftChain chain, NftFamily family, Statements s) => chain switch
    {
        NftChain.Postrouting when s.Has("masquerade") && s.Match("meta", "oifname") is { } bridge => new LoopbackMasqueradeRule(bridge.GetString()!),
        NftChain.Postrouting when s.Has("masquerade") && s.Match("payload", family.Keyword(), "saddr") is { } saddr =>
            s.Match("ct", "status") is null ? new MasqueradeRule(Network(saddr, family)) : new HairpinMasqueradeRule(Network(saddr, family)),
        NftChain.Prerouting or NftChain.Output when s.Statement("dnat") is { } dnat && s.Dport() is var (protocol, port, count) =>
            new DnatRule(chain, protocol, s.Match("payload", family.Keyword(), "daddr")?.GetString(), port,
                dnat.GetProperty("addr").GetString()!, NodePort(dnat.GetProperty("port"))) { Count = count },
        NftChain.Forward when s.Has("drop") && s.Match("meta", "iifname") is { } inName && s.Match("meta", "oifname") is { } outName =>
            new IsolationRule(inName.GetString()!, outName.GetString()!) { In = family },
        NftChain.Forward when s.Has("drop") && s.Match("meta", "iifname") is { } inName => new InternalRule(inName.GetString()!, Inbound: false) { In = family },
        NftChain.Forward when s.Has("drop") && s.Match("meta", "oifname") is { } outName => new InternalRule(outName.GetString()!, Inbound: true) { In = family },
        _ => null,
    };

    private static string Network(JsonElement right, NftFamily family) =>
        right.ValueKind == JsonValueKind.String
            ? $"{right.GetString()}/{(family == NftFamily.Ip ? 32 : 128)}"
            : right.GetProperty("prefix") is var p ? $"{p.GetProperty("addr").GetString()}/{p.GetProperty("len").GetInt32()}" : "";

    // A port, or a range's map whose first pair names the first node port.
    private static int NodePort(JsonElement port) =>
        port.ValueKind == JsonValueKind.Number ? port.GetInt32() : port.GetProperty("map").GetProperty("data").GetProperty("set")[0][1].GetInt32();

    /// <summary>A rule's expressions, searchable by what a match tests and by statement name.</summary>
    private sealed class Statements
    {
        private readonly List<JsonElement> _items;

        private Statements(List<JsonElement> items) => _items = items;

        public static Statements Of(JsonElement array) => new(array.EnumerateArray().ToList());

        public bool Has(string statement) => Statement(statement) is not null;

        public JsonElement? Statement(string name) =>
            _items.Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty(name, out _))
                .Select(i => (JsonElement?)i.GetProperty(name)).FirstOrDefault();

        /// <summary>The right-hand side of the first <c>==</c> match whose left side is <c>{kind: {…values…}}</c>.</summary>
        public JsonElement? Match(string kind, params string[] values)
        {
            foreach (var match in Matches())
            {
                if (match.GetProperty("op").GetString() is not ("==" or "in")) continue;
                if (!match.GetProperty("left").TryGetProperty(kind, out var left) || left.ValueKind != JsonValueKind.Object) continue;
                var strings = left.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).Select(p => p.Value.GetString()).ToList();
                if (values.All(strings.Contains)) return match.GetProperty("right");
            }

            return null;
        }

        /// <summary>The protocol, first port and number of ports of a <c>tcp dport N</c> / <c>udp dport N-M</c> match.</summary>
        public (string Protocol, int Port, int Count)? Dport()
        {
            foreach (var match in Matches())
            {
                if (!match.GetProperty("left").TryGetProperty("payload", out var p) || !p.TryGetProperty("field", out var f) || f.GetString() != "dport") continue;
                var right = match.GetProperty("right");
                var protocol = p.GetProperty("protocol").GetString()!;
                if (right.ValueKind == JsonValueKind.Number) return (protocol, right.GetInt32(), 1);
                var range = right.GetProperty("range");
                return (protocol, range[0].GetInt32(), range[1].GetInt32() - range[0].GetInt32() + 1);
            }

            return null;
        }

        private IEnumerable<JsonElement> Matches() =>
            _items.Where(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("match", out _)).Select(i => i.GetProperty("match"));
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Nftables;

/// <summary>
/// A rule's match-and-action expressions in libnftables JSON (libnftables-json(5)), the same
/// statements its <see cref="NftRule.Text"/> shows. Written exactly as nft lists them back, so a
/// rule read from the kernel can be recognised by writing our candidate and comparing.
/// libnftables' own messages for bad JSON are poor: every value is checked here first. The statements differ in
/// shape from one to the next (a value is a string, a number or an object), so they are built as JSON nodes, not records.
/// </summary>
internal static class NftRuleJson
{
    public static JsonArray Expressions(NftRule rule) => rule switch
    {
        MasqueradeRule m => Statements(
            Match("==", Payload(m.Family.Keyword(), "saddr"), Network(m.Subnet, m.Family)),
            Match("!=", Payload(m.Family.Keyword(), "daddr"), Network(m.Subnet, m.Family)),
            Verdict("masquerade")),
        // ct status is a bit mask: nft lists the test as "in", and takes it back the same way.
        HairpinMasqueradeRule h => Statements(
            Match("in", Object("ct", new JsonObject { ["key"] = "status" }), "dnat"),
            Match("==", Payload(h.Family.Keyword(), "saddr"), Network(h.Subnet, h.Family)),
            Match("==", Payload(h.Family.Keyword(), "daddr"), Network(h.Subnet, h.Family)),
            Verdict("masquerade")),
        LoopbackMasqueradeRule l => Statements(
            Match("==", Meta("oifname"), Interface(l.Bridge)),
            Match("==", Payload("ip", "saddr"), Network(LoopbackMasqueradeRule.Loopback, NftFamily.Ip)),
            Verdict("masquerade")),
        DnatRule d => Dnat(d),
        IsolationRule i => Statements(
            Match("==", Meta("iifname"), Interface(i.InBridge)),
            Match("==", Meta("oifname"), Interface(i.OutBridge)),
            Verdict("drop")),
        InternalRule i => Statements(
            Match(i.Inbound ? "!=" : "==", Meta("iifname"), Interface(i.Bridge)),
            Match(i.Inbound ? "==" : "!=", Meta("oifname"), Interface(i.Bridge)),
            Verdict("drop")),
        _ => throw new ArgumentException($"topo does not write nftables rules of kind {rule.GetType().Name}: {rule.Text}"),
    };

    private static JsonArray Dnat(DnatRule d)
    {
        if (d.Hook is not (NftChain.Prerouting or NftChain.Output))
            throw new ArgumentException($"a published port belongs in prerouting or output, not {d.Hook}: {d.Text}");
        if (d.Protocol is not ("tcp" or "udp")) throw new ArgumentException($"published port protocol '{d.Protocol}' is not tcp or udp");
        if (d.Count < 1 || d.LastHostPort > 65535 || d.NodePort + d.Count - 1 > 65535) throw new ArgumentException($"ports {d.HostPort}-{d.LastHostPort} to {d.NodePort} on are not all in 1-65535");
        var ip = d.Family.Keyword();
        var hostPort = Port(d.HostPort);
        var nodePort = Port(d.NodePort);
        var nodeIp = Address(d.NodeIp, d.Family);
        var expressions = new List<JsonNode>();
        if (d.HostIp is null)
        {
            if (d.Hook == NftChain.Output) expressions.Add(Match("!=", Payload(ip, "daddr"), d.Family == NftFamily.Ip ? Network("127.0.0.0/8", NftFamily.Ip) : "::1"));
            expressions.Add(Match("==", Object("fib", new JsonObject { ["result"] = "type", ["flags"] = new JsonArray("daddr") }), "local"));
        }
        else
        {
            expressions.Add(Match("==", Payload(ip, "daddr"), Address(d.HostIp, d.Family)));
        }

        if (d.Count == 1)
        {
            expressions.Add(Match("==", Payload(d.Protocol, "dport"), hostPort));
            expressions.Add(Object("dnat", new JsonObject { ["addr"] = nodeIp, ["port"] = nodePort }));
            return Statements([.. expressions]);
        }

        // A range is one rule: its host ports as one interval, each mapped to its node port by one anonymous map.
        expressions.Add(Match("==", Payload(d.Protocol, "dport"), Range(hostPort, Port(d.LastHostPort))));
        var pairs = Enumerable.Range(0, d.Count).Select(i => (JsonNode)new JsonArray(Port(d.HostPort + i), Port(d.NodePort + i))).ToArray();
        var map = Object("map", new JsonObject { ["key"] = Payload(d.Protocol, "dport"), ["data"] = new JsonObject { ["set"] = new JsonArray(pairs) } });
        expressions.Add(Object("dnat", new JsonObject { ["addr"] = nodeIp, ["port"] = map }));
        return Statements([.. expressions]);
    }

    // JsonArray's collection initialiser takes Add<T>, which NativeAOT refuses: the array is made from its items.
    private static JsonArray Statements(params JsonNode[] statements) => new(statements);

    private static JsonObject Match(string op, JsonNode left, JsonNode right) =>
        Object("match", new JsonObject { ["op"] = op, ["left"] = left, ["right"] = right });

    private static JsonObject Verdict(string statement) => new() { [statement] = null };

    private static JsonObject Object(string name, JsonObject body) => new() { [name] = body };

    private static JsonObject Range(JsonNode first, JsonNode last) => new() { ["range"] = new JsonArray(first, last) };

    private static JsonObject Payload(string protocol, string field) => Object("payload", new JsonObject { ["protocol"] = protocol, ["field"] = field });

    private static JsonObject Meta(string key) => Object("meta", new JsonObject { ["key"] = key });

    /// <summary>A network of the family; a host prefix (/32, /128) is written as the bare address, as nft lists it.</summary>
    private static JsonNode Network(string cidr, NftFamily family)
    {
        var inet = family == NftFamily.Ip ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        // The kernel keeps only the network part; anything else would read back different and look like drift forever.
        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != inet
            || network.ToString() != cidr || !IsNetworkPart(network))
            throw new ArgumentException(family == NftFamily.Ip
                ? $"'{cidr}' is not an IPv4 network with its host bits clear (172.17.0.0/16)"
                : $"'{cidr}' is not an IPv6 network with its host bits clear (fd00:17::/64)");
        var address = network.BaseAddress.ToString();
        if (network.PrefixLength == (family == NftFamily.Ip ? 32 : 128)) return address;
        return Object("prefix", new JsonObject { ["addr"] = address, ["len"] = network.PrefixLength });
    }

    private static bool IsNetworkPart(IPNetwork network)
    {
        var bytes = network.BaseAddress.GetAddressBytes();
        var value = bytes.Aggregate(UInt128.Zero, (v, b) => (v << 8) | b);
        var bits = bytes.Length * 8;
        var hostMask = network.PrefixLength == 0 ? (bits == 128 ? UInt128.MaxValue : uint.MaxValue) : (UInt128.One << (bits - network.PrefixLength)) - 1;
        return (value & hostMask) == 0;
    }

    private static JsonNode Address(string ip, NftFamily family)
    {
        var inet = family == NftFamily.Ip ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != inet || address.ToString() != ip)
            throw new ArgumentException(family == NftFamily.Ip ? $"'{ip}' is not an IPv4 address in dotted form" : $"'{ip}' is not an IPv6 address in its short form");
        return ip;
    }

    private static JsonNode Port(int port) =>
        port is >= 1 and <= 65535 ? port : throw new ArgumentException($"port {port} is not in 1-65535");

    /// <summary>A rule's comment: nft keeps 128 bytes, and its text listing quotes it, so no quote or control character.</summary>
    public static string Comment(string text) =>
        Encoding.UTF8.GetByteCount(text) is >= 1 and <= NftRule.CommentLimit && !text.Any(c => c == '"' || char.IsControl(c))
            ? text
            : throw new ArgumentException($"'{text}' is not an nftables rule comment (1-{NftRule.CommentLimit} bytes, no quote)");

    // IFNAMSIZ is 16; the kernel forbids '/' and whitespace, and nft would read '*' as a wildcard.
    private static JsonNode Interface(string name) =>
        name.Length is >= 1 and <= 15 && !name.Any(c => c is '/' or '*' or '"' || char.IsWhiteSpace(c)) && name is not ("." or "..")
            ? name
            : throw new ArgumentException($"'{name}' is not an interface name");
}

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Nftables;

/// <summary>
/// A rule's match-and-action expressions in libnftables JSON (libnftables-json(5)), the same
/// statements its <see cref="NftRule.Text"/> shows. Written exactly as nft lists them back, so a
/// rule read from the kernel can be recognised by writing our candidate and comparing.
/// libnftables' own messages for bad JSON are poor: every value is checked here first.
/// </summary>
internal static class NftRuleJson
{
    public static void WriteExpressions(Utf8JsonWriter w, NftRule rule)
    {
        w.WriteStartArray();
        switch (rule)
        {
            case MasqueradeRule m:
                Match(w, "==", Payload("ip", "saddr"), Network(m.Subnet));
                Match(w, "!=", Payload("ip", "daddr"), Network(m.Subnet));
                Verdict(w, "masquerade");
                break;
            case HairpinMasqueradeRule h:
                // ct status is a bit mask: nft lists the test as "in", and takes it back the same way.
                Match(w, "in", x => Object(x, "ct", y => y.WriteString("key", "status")), x => x.WriteStringValue("dnat"));
                Match(w, "==", Payload("ip", "saddr"), Network(h.Subnet));
                Match(w, "==", Payload("ip", "daddr"), Network(h.Subnet));
                Verdict(w, "masquerade");
                break;
            case DnatRule d:
                WriteDnat(w, d);
                break;
            case IsolationRule i:
                Match(w, "==", Meta("iifname"), Interface(i.InBridge));
                Match(w, "==", Meta("oifname"), Interface(i.OutBridge));
                Verdict(w, "drop");
                break;
            default:
                throw new ArgumentException($"topo does not write nftables rules of kind {rule.GetType().Name}: {rule.Text}");
        }

        w.WriteEndArray();
    }

    private static void WriteDnat(Utf8JsonWriter w, DnatRule d)
    {
        if (d.Hook is not (NftChain.Prerouting or NftChain.Output))
            throw new ArgumentException($"a published port belongs in prerouting or output, not {d.Hook}: {d.Text}");
        if (d.Protocol is not ("tcp" or "udp")) throw new ArgumentException($"published port protocol '{d.Protocol}' is not tcp or udp");
        var hostPort = Port(d.HostPort);
        var nodePort = Port(d.NodePort);
        var nodeIp = Address(d.NodeIp);
        if (d.HostIp is null)
        {
            if (d.Hook == NftChain.Output) Match(w, "!=", Payload("ip", "daddr"), Network("127.0.0.0/8"));
            Match(w, "==", x => Object(x, "fib", y =>
            {
                y.WriteString("result", "type");
                y.WriteStartArray("flags");
                y.WriteStringValue("daddr");
                y.WriteEndArray();
            }), x => x.WriteStringValue("local"));
        }
        else
        {
            Match(w, "==", Payload("ip", "daddr"), Address(d.HostIp));
        }

        Match(w, "==", Payload(d.Protocol, "dport"), hostPort);
        Object(w, "dnat", x =>
        {
            x.WritePropertyName("addr");
            nodeIp(x);
            x.WritePropertyName("port");
            nodePort(x);
        });
    }

    private static void Match(Utf8JsonWriter w, string op, Action<Utf8JsonWriter> left, Action<Utf8JsonWriter> right) =>
        Object(w, "match", x =>
        {
            x.WriteString("op", op);
            x.WritePropertyName("left");
            left(x);
            x.WritePropertyName("right");
            right(x);
        });

    private static void Verdict(Utf8JsonWriter w, string statement)
    {
        w.WriteStartObject();
        w.WriteNull(statement);
        w.WriteEndObject();
    }

    private static void Object(Utf8JsonWriter w, string name, Action<Utf8JsonWriter> body)
    {
        w.WriteStartObject();
        w.WriteStartObject(name);
        body(w);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static Action<Utf8JsonWriter> Payload(string protocol, string field) => w => Object(w, "payload", x =>
    {
        x.WriteString("protocol", protocol);
        x.WriteString("field", field);
    });

    private static Action<Utf8JsonWriter> Meta(string key) => w => Object(w, "meta", x => x.WriteString("key", key));

    /// <summary>An IPv4 network; a /32 is written as the bare address, as nft lists it.</summary>
    private static Action<Utf8JsonWriter> Network(string cidr)
    {
        // The kernel keeps only the network part; anything else would read back different and look like drift forever.
        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork
            || network.ToString() != cidr || !IsNetworkPart(network))
            throw new ArgumentException($"'{cidr}' is not an IPv4 network with its host bits clear (172.17.0.0/16)");
        var address = network.BaseAddress.ToString();
        if (network.PrefixLength == 32) return w => w.WriteStringValue(address);
        return w => Object(w, "prefix", x =>
        {
            x.WriteString("addr", address);
            x.WriteNumber("len", network.PrefixLength);
        });
    }

    private static bool IsNetworkPart(IPNetwork network)
    {
        var bits = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(network.BaseAddress.GetAddressBytes());
        var hostMask = network.PrefixLength == 0 ? uint.MaxValue : (1u << (32 - network.PrefixLength)) - 1;
        return (bits & hostMask) == 0;
    }

    private static Action<Utf8JsonWriter> Address(string ip)
    {
        if (!IPAddress.TryParse(ip, out var address) || address.AddressFamily != AddressFamily.InterNetwork || address.ToString() != ip)
            throw new ArgumentException($"'{ip}' is not an IPv4 address in dotted form");
        return w => w.WriteStringValue(ip);
    }

    private static Action<Utf8JsonWriter> Port(int port) =>
        port is >= 1 and <= 65535 ? w => w.WriteNumberValue(port) : throw new ArgumentException($"port {port} is not in 1-65535");

    // IFNAMSIZ is 16; the kernel forbids '/' and whitespace, and nft would read '*' as a wildcard.
    private static Action<Utf8JsonWriter> Interface(string name) =>
        name.Length is >= 1 and <= 15 && !name.Any(c => c is '/' or '*' or '"' || char.IsWhiteSpace(c)) && name is not ("." or "..")
            ? w => w.WriteStringValue(name)
            : throw new ArgumentException($"'{name}' is not an interface name");
}

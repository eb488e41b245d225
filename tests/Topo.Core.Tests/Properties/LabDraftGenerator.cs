using System.Collections.Immutable;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// Random valid labs: 0-3 bridges (some inside a node; IPv4, IPv6, dual-stack or without a subnet), 1-20 nodes,
/// links from nodes to bridges, to each other and to the host, trunks between bridges of different namespaces, then
/// routes of both families, ports, sysctls and checks that only use what the links made. Names never clash by construction: nodes start with 'n', bridges with 'br', named
/// bridge ports with 'bp', host ends with 'hv'; node interfaces are eth0, eth1, ... per node.
/// Point-to-point link K gets 192.168.x.(4K)/30 or 10.(100+K).0.0/24, and fd00:K::/64 for IPv6.
/// </summary>
internal sealed class LabDraftGenerator(Random random, bool ipv6Subnets)
{
    private const string Tail = "abcdefghijklmnopqrstuvwxyz0123456789-";

    private readonly Connectivity _reach = new();
    private readonly List<LinkDraft> _links = [];
    private readonly Dictionary<string, int> _nextInterface = [];
    private int _pointToPoint;
    private int _hostEnds;
    private int _bridgePorts;
    private int _macs;

    /// <summary>A lab; without <paramref name="ipv6Subnets"/> its bridges have at most an IPv4 subnet (IPv6 stays on point-to-point links).</summary>
    public static LabDraft Generate(Random random, bool ipv6Subnets = true) => new LabDraftGenerator(random, ipv6Subnets).Build();

    private LabDraft Build()
    {
        var lab = Name(((char)('a' + random.Next(26))).ToString(), 11);
        var nodes = Distinct(random.Next(1, 21), () => Name("n", 5));
        var bridges = Distinct(random.Next(4), () => Name("br", 6))
            .Select((name, i) => new BridgeChoice(i, name, random.Next(4) == 0 ? Pick(nodes) : null, random, ipv6Subnets)).ToList();
        foreach (var bridge in bridges) _reach.Interface(bridge.Draft.Node ?? Connectivity.Host, bridge.Draft.Name, bridge.HasAddress);
        var trunks = bridges.SelectMany(a => bridges.Where(b => a.Draft.Ns.CompareTo(b.Draft.Ns) < 0).Select(b => (a, b))).ToList();

        for (var count = random.Next(2 * nodes.Count + 2); count > 0; count--)
        {
            switch (random.Next(7))
            {
                case 6 when trunks.Count > 0:
                    var (one, other) = Pick(trunks);
                    Add(one.Draft.Name, other.Draft.Name, [], random.Next(3) == 0);
                    break;
                case < 3 when bridges.Count > 0:
                    ToBridge(Pick(nodes), Pick(bridges));
                    break;
                case < 5 when nodes.Count > 1:
                    var a = Pick(nodes);
                    ToNode(a, Pick(nodes.Where(n => n != a).ToList()));
                    break;
                default:
                    ToHost(Pick(nodes));
                    break;
            }
        }

        var settings = new SettingsGenerator(random, _reach);
        return new LabDraft(
            lab,
            settings.Sysctls(),
            settings.Routes(Connectivity.Host, 20),
            [.. bridges.Select(b => b.Draft)],
            [.. nodes.Select(settings.Node)],
            [.. _links],
            settings.Checks(nodes));
    }

    /// <summary>A node on a bridge: mostly the short form with an automatic address, sometimes a written one or a named port.</summary>
    private void ToBridge(string node, BridgeChoice bridge)
    {
        var nodeEnd = NextEnd(node);
        var bridgeEnd = random.Next(4) == 0 ? $"{bridge.Draft.Name}:bp{_bridgePorts++}" : bridge.Draft.Name;
        var written = random.Next(4) == 0 || (!bridge.Draft.HasSubnet && random.Next(2) == 0) ? bridge.NextExplicit() : [];
        var addresses = written.IsEmpty ? ImmutableArray<EndAddresses>.Empty : [new EndAddresses(nodeEnd, written, random.Next(2) == 0)];
        // An end with written addresses gets those only: a family it writes none of stays without.
        var families = bridge.Draft.Families.Where(v6 => written.IsEmpty || written.Any(w => BridgeDraft.IsV6(w) == v6)).ToList();
        _reach.Interface(node, Interface(nodeEnd), families.Count > 0 || !written.IsEmpty);
        // A published port goes to the node's IPv4 address on a subnet bridge.
        if (families.Contains(false)) _reach.OnSubnet(node);
        // The bridge's owner holds the gateway itself, and a namespace cannot route through its own address.
        if (bridge.Draft.Node != node)
        {
            foreach (var v6 in families) _reach.Gateway(node, bridge.GatewayOf(v6)!);
        }

        foreach (var cidr in written) _reach.Literal(Ip(cidr));
        var (a, b) = random.Next(2) == 0 ? (nodeEnd, bridgeEnd) : (bridgeEnd, nodeEnd);
        Add(a, b, addresses, random.Next(6) == 0);
    }

    /// <summary>Two nodes: no addresses, IPv4 on both or one end, sometimes IPv6 beside.</summary>
    private void ToNode(string one, string other)
    {
        var (a, b) = (NextEnd(one), NextEnd(other));
        var style = random.Next(5);
        if (style == 0)
        {
            _reach.Interface(one, Interface(a), addressed: false);
            _reach.Interface(other, Interface(b), addressed: false);
            Add(a, b, [], false);
            return;
        }

        var (ipA, ipB, prefix) = NextPointToPoint();
        var bothEnds = style != 1;
        var v6 = style == 4 ? $"fd00:{_pointToPoint:x}::" : null;
        var addresses = ImmutableArray.CreateBuilder<EndAddresses>();
        addresses.Add(Addresses(a, $"{ipA}/{prefix}", v6 is null ? null : $"{v6}1/64"));
        if (bothEnds) addresses.Add(Addresses(b, $"{ipB}/{prefix}", v6 is null ? null : $"{v6}2/64"));
        _reach.Interface(one, Interface(a), addressed: true);
        _reach.Interface(other, Interface(b), addressed: bothEnds);
        _reach.Literal(ipA);
        if (bothEnds)
        {
            _reach.Gateway(one, ipB);
            _reach.Gateway(other, ipA);
            _reach.Literal(ipB);
            if (v6 is not null)
            {
                _reach.Gateway(one, $"{v6}2");
                _reach.Gateway(other, $"{v6}1");
            }
        }

        Add(a, b, addresses.ToImmutable(), false);
    }

    /// <summary>A node joined to the host, as in the spec's router: addresses on both ends, mostly.</summary>
    private void ToHost(string node)
    {
        var nodeEnd = NextEnd(node);
        var hostName = $"hv{_hostEnds++}";
        var hostEnd = $"host:{hostName}";
        if (random.Next(5) == 0)
        {
            _reach.Interface(node, Interface(nodeEnd), addressed: false);
            _reach.Interface(Connectivity.Host, hostName, addressed: false);
            Add(hostEnd, nodeEnd, [], false);
            return;
        }

        var (ipNode, ipHost, prefix) = NextPointToPoint();
        _reach.Interface(node, Interface(nodeEnd), addressed: true);
        _reach.Interface(Connectivity.Host, hostName, addressed: true);
        _reach.Gateway(node, ipHost);
        _reach.Gateway(Connectivity.Host, ipNode);
        _reach.Literal(ipNode);
        Add(nodeEnd, hostEnd, [Addresses(nodeEnd, $"{ipNode}/{prefix}", null), Addresses(hostEnd, $"{ipHost}/{prefix}", null)], false);
    }

    private void Add(string a, string b, ImmutableArray<EndAddresses> addresses, bool longForm)
    {
        var mtu = random.Next(5) == 0 ? Mtus.Pick(random) : (int?)null;
        // Only long-form links carry settings; a short one stays short.
        var settings = longForm || !addresses.IsEmpty;
        var macs = settings && random.Next(4) == 0
            ? ImmutableArray.Create(new EndMac(random.Next(2) == 0 ? a : b, Mac(_macs++)))
            : [];
        _links.Add(new LinkDraft(a, b, addresses, settings ? mtu : null, macs, longForm));
    }

    private EndAddresses Addresses(string end, string v4, string? v6) =>
        v6 is null ? new EndAddresses(end, [v4], random.Next(2) == 0) : new EndAddresses(end, [v4, v6], false);

    private (string A, string B, int Prefix) NextPointToPoint()
    {
        var k = _pointToPoint++;
        return random.Next(2) == 0
            ? ($"192.168.{k / 64}.{4 * (k % 64) + 1}", $"192.168.{k / 64}.{4 * (k % 64) + 2}", 30)
            : ($"10.{100 + k}.0.1", $"10.{100 + k}.0.2", 24);
    }

    private string NextEnd(string node)
    {
        var n = _nextInterface.GetValueOrDefault(node);
        _nextInterface[node] = n + 1;
        return $"{node}:eth{n}";
    }

    private static string Interface(string end) => DraftFacts.Split(end).Interface!;

    private static string Ip(string cidr) => cidr[..cidr.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>Locally administered unicast: 02 first.</summary>
    private static string Mac(int n) => $"02:00:00:00:{n / 256:x2}:{n % 256:x2}";

    // Drawn again when it is "null", which a plain YAML scalar reads as no name at all (no other lower-case name is special).
    private string Name(string prefix, int maxTail)
    {
        while (true)
        {
            var length = random.Next(maxTail + 1);
            var name = prefix + new string([.. Enumerable.Range(0, length).Select(_ => Tail[random.Next(Tail.Length)])]);
            if (name != "null") return name;
        }
    }

    private static List<string> Distinct(int count, Func<string> next)
    {
        var names = new List<string>();
        while (names.Count < count)
        {
            var name = next();
            if (!names.Contains(name)) names.Add(name);
        }

        return names;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

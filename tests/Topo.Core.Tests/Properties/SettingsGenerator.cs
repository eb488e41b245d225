using System.Collections.Immutable;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// The parts of a lab that depend on its links: routes (in the family of their gateway) through a neighbour
/// or out of an interface the namespace has, ports on nodes that sit on a subnet bridge (distinct host
/// ports), sysctls under net., and checks whose targets have an address to reach.
/// </summary>
internal sealed class SettingsGenerator(Random random, Connectivity reach)
{
    private static readonly ImmutableArray<SysctlDraft> Known =
    [
        new("net.ipv4.ip_forward", "1"),
        new("net.ipv4.conf.all.rp_filter", "2"),
        new("net.ipv6.conf.all.disable_ipv6", "1"),
        new("net.ipv4.conf.default.arp_announce", "2"),
        new("net.core.somaxconn", "4096"),
        new("net.ipv4.tcp_congestion_control", "cubic"),
    ];

    private int _hostPorts;
    private int _nodes;

    public ImmutableArray<SysctlDraft> Sysctls() => [.. Known.Where(_ => random.Next(4) == 0)];

    /// <summary>
    /// Up to three routes with distinct destinations under 198.<paramref name="n"/>.0.0/16 or fd98:<paramref name="n"/>::/32,
    /// each in its gateway's family, maybe one default per family.
    /// </summary>
    public ImmutableArray<RouteDraft> Routes(string owner, int n)
    {
        var gateways = reach.Gateways(owner);
        var interfaces = reach.Interfaces(owner);
        var routes = new List<RouteDraft>();
        var defaulted = new HashSet<bool>();
        for (var j = random.Next(4); j > 0; j--)
        {
            if (gateways.Count > 0 && random.Next(3) != 0)
            {
                var via = Pick(gateways);
                var v6 = BridgeDraft.IsV6(via);
                var to = Destination(n, j, v6);
                // 'default' takes its family from the gateway's.
                if (random.Next(4) == 0 && defaulted.Add(v6)) to = random.Next(2) == 0 ? "default" : v6 ? "::/0" : "0.0.0.0/0";
                routes.Add(new RouteDraft(to, via, null));
            }
            else if (interfaces.Count > 0)
            {
                routes.Add(new RouteDraft(Destination(n, j, v6: random.Next(3) == 0), null, Pick(interfaces)));
            }
        }

        return [.. routes];
    }

    private static string Destination(int n, int j, bool v6) => v6 ? $"fd98:{n}:{j}::/64" : $"198.{n}.{j}.0/24";

    /// <summary>Node N's routes go to 198.(21+N mod 200).x.0/24 and fd98:(21+N mod 200):x::/64, so no two nodes share a pattern by accident of ordering.</summary>
    public NodeDraft Node(string name)
    {
        var routes = Routes(name, 21 + (_nodes++ % 200));
        var ports = reach.IsOnSubnet(name) && random.Next(3) == 0
            ? Enumerable.Range(0, random.Next(1, 3)).Select(_ => Port()).ToImmutableArray()
            : [];
        return new NodeDraft(name, Sysctls(), routes, ports, random.Next(2) == 0);
    }

    /// <summary>Docker's syntax, each host port once in the lab.</summary>
    private string Port()
    {
        var host = random.Next(4) == 0 ? "127.0.0.1:" : "";
        var protocol = random.Next(3) switch { 0 => "", 1 => "/tcp", _ => "/udp" };
        return $"{host}{20000 + _hostPorts++}:{random.Next(1, 65536)}{protocol}";
    }

    public ImmutableArray<CheckDraft> Checks(IReadOnlyList<string> nodes)
    {
        var checks = new List<CheckDraft>();
        for (var i = random.Next(5); i > 0; i--)
        {
            var from = random.Next(4) == 0 ? Connectivity.Host : Pick(nodes);
            if (Target(from, nodes) is not { } target) continue;
            var expect = random.Next(2) == 0 ? "reach" : "no-reach";
            var timeout = random.Next(4) switch { 0 => "2s", 1 => "500ms", 2 => "3", _ => null };
            checks.Add(new CheckDraft(from, target.To, target.Proto, expect, timeout));
        }

        return [.. checks];
    }

    /// <summary>A node, NODE:IFNAME, host or an address, each only when it resolves to an address; a port with tcp or udp.</summary>
    private (string To, string? Proto)? Target(string from, IReadOnlyList<string> nodes)
    {
        var addressed = nodes.Where(n => reach.Addressed(n).Count > 0).ToList();
        var hostReachable = from == Connectivity.Host || reach.Addressed(Connectivity.Host).Count > 0;
        var port = random.Next(3) == 0 ? $":{random.Next(1, 65536)}" : "";
        var proto = port.Length == 0
            ? random.Next(2) == 0 ? "icmp" : null
            : random.Next(3) switch { 0 => "tcp", 1 => "udp", _ => null };
        switch (random.Next(4))
        {
            case 0 when addressed.Count > 0:
                return (Pick(addressed) + port, proto);
            case 1 when addressed.Count > 0:
                var node = Pick(addressed);
                return ($"{node}:{Pick(reach.Addressed(node))}{port}", proto);
            case 2 when hostReachable:
                return (Connectivity.Host + port, proto);
            case 3 when !reach.Literals.IsEmpty:
                var literal = Pick(reach.Literals);
                // An IPv6 address with a port is written in brackets.
                return (BridgeDraft.IsV6(literal) && port.Length > 0 ? $"[{literal}]{port}" : literal + port, proto);
            default:
                return null;
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

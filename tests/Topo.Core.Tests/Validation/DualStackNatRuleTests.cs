using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

/// <summary>NAT in both families, internal bridges, loopback ports and port ranges, as the validator turns them into rules.</summary>
public sealed class DualStackNatRuleTests
{
    private static LabBuilder Web(params string[] ports) =>
        new LabBuilder().DualStackBridge("br0", ["172.17.0.0/16", "fd00:17::/64"], masquerade: true).Node("web", ports: ports).Link("web:eth0", "br0");

    private static NftTableResource Table(LabBuilder lab) => Assert.Single(lab.Valid().Desired.Resources.OfType<NftTableResource>());

    private static DnatRule[] Ports(LabBuilder lab) => [.. Table(lab).Rules.OfType<DnatRule>()];

    [Fact]
    public void A_dual_stack_bridge_is_masqueraded_in_both_families()
    {
        NftRule[] rules = [.. Table(Web()).Rules];

        Assert.Equal(
            [
                new MasqueradeRule("172.17.0.0/16") { Comment = "masquerade br0" }, new HairpinMasqueradeRule("172.17.0.0/16") { Comment = "hairpin br0" },
                new MasqueradeRule("fd00:17::/64") { Comment = "masquerade br0" }, new HairpinMasqueradeRule("fd00:17::/64") { Comment = "hairpin br0" },
            ],
            rules);
        Assert.Equal([NftFamily.Ip, NftFamily.Ip, NftFamily.Ip6, NftFamily.Ip6], rules.Select(r => r.Family));
        Assert.Equal("ip6 saddr fd00:17::/64 ip6 daddr != fd00:17::/64 masquerade", rules[2].Text);
    }

    [Fact]
    public void A_bare_port_on_a_dual_stack_node_is_published_in_both_families() =>
        Assert.Equal(
            [
                new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "172.17.0.2", 80) { Comment = "ports web 8080:80" },
                new DnatRule(NftChain.Output, "tcp", null, 8080, "172.17.0.2", 80) { Comment = "ports web 8080:80" },
                new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "fd00:17::2", 80) { Comment = "ports web 8080:80" },
                new DnatRule(NftChain.Output, "tcp", null, 8080, "fd00:17::2", 80) { Comment = "ports web 8080:80" },
            ],
            Ports(Web("8080:80")));

    [Fact]
    public void An_ipv6_host_address_publishes_in_the_ip6_table_only()
    {
        var ports = Ports(Web("[2001:db8:0::1]:8080:80"));

        Assert.Equal(
            [
                new DnatRule(NftChain.Prerouting, "tcp", "2001:db8::1", 8080, "fd00:17::2", 80) { Comment = "ports web [2001:db8::1]:8080:80" },
                new DnatRule(NftChain.Output, "tcp", "2001:db8::1", 8080, "fd00:17::2", 80) { Comment = "ports web [2001:db8::1]:8080:80" },
            ],
            ports);
        Assert.Equal("ip6 daddr 2001:db8::1 tcp dport 8080 dnat to [fd00:17::2]:80", ports[0].Text);
        Assert.Equal("ip6 daddr != ::1 fib daddr type local tcp dport 8080 dnat to [fd00:17::2]:80", Ports(Web("8080:80"))[3].Text);
    }

    [Fact]
    public void An_ipv6_host_address_needs_an_ipv6_address_on_the_bridge() =>
        Assert.Equal(
            ["nodes.web.ports[0]: node 'web' publishes ports but has no IPv6 address on a bridge with a subnet (link it to one, e.g. [web:eth0, BRIDGE])"],
            new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16").Node("web", ports: ["[2001:db8::1]:8080:80"]).Link("web:eth0", "br0").Errors());

    [Fact]
    public void The_ipv6_loopback_is_refused_with_the_kernel_s_reason() =>
        Assert.Equal(
            ["nodes.web.ports[0]: [::1] cannot be published: the kernel drops IPv6 replies to ::1 that arrive on any interface but lo (IPv6 has no route_localnet), so only a proxy process such as docker-proxy could serve it; publish on 127.0.0.1 or on a host address"],
            Web("[::1]:8080:80").Errors());

    [Fact]
    public void A_loopback_port_masquerades_loopback_sources_and_sets_route_localnet_on_the_bridge()
    {
        var lab = Web("127.0.0.1:8080:80").Valid();

        var table = Assert.Single(lab.Desired.Resources.OfType<NftTableResource>());
        Assert.Contains(new LoopbackMasqueradeRule("br0") { Comment = "loopback ports br0" }, table.Rules);
        Assert.Equal("oifname \"br0\" ip saddr 127.0.0.0/8 masquerade", new LoopbackMasqueradeRule("br0").Text);
        Assert.DoesNotContain(table.Rules.OfType<DnatRule>(), r => r.Family == NftFamily.Ip6);
        var sysctl = Assert.Single(lab.Desired.Resources.OfType<SysctlResource>());
        Assert.Equal((Netns.Host, "net.ipv4.conf.br0.route_localnet", "1", "br0"), (sysctl.Ns, sysctl.Name, sysctl.Value, sysctl.Interface));
    }

    [Fact]
    public void A_port_range_is_one_rule_with_one_map_per_hook()
    {
        var ports = Ports(new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16").Node("web", ports: ["8000-8002:9000-9002/udp"]).Link("web:eth0", "br0"));

        Assert.Equal([new DnatRule(NftChain.Prerouting, "udp", null, 8000, "172.17.0.2", 9000) { Count = 3, Comment = "ports web 8000-8002:9000-9002/udp" }, new DnatRule(NftChain.Output, "udp", null, 8000, "172.17.0.2", 9000) { Count = 3, Comment = "ports web 8000-8002:9000-9002/udp" }], ports);
        Assert.Equal("fib daddr type local udp dport 8000-8002 dnat to 172.17.0.2:udp dport map { 8000 : 9000, 8001 : 9001, 8002 : 9002 }", ports[0].Text);
        Assert.Equal((9001, (int?)null), (ports[0].NodePortOf(8001)!.Value, ports[0].NodePortOf(8003)));
    }

    [Fact]
    public void A_port_inside_a_published_range_clashes() =>
        Assert.Equal(
            ["nodes.api.ports[0]: host port 8005/tcp is already published by nodes.web.ports[0]"],
            Web("8000-8010:8000-8010").Node("api", ports: ["8005:80"]).Link("api:eth0", "br0").Errors());

    [Fact]
    public void An_internal_bridge_drops_forwarding_in_and_out_in_both_families_and_gives_no_default_route()
    {
        var lab = new LabBuilder().DualStackBridge("back", ["172.18.0.0/16", "fd00:18::/64"], @internal: true).Nodes("db", "app")
            .Link("db:eth0", "back").Link("app:eth0", "back").Valid();

        var table = Assert.Single(lab.Desired.Resources.OfType<NftTableResource>());
        Assert.Equal(
            [
                "forward: iifname \"back\" oifname != \"back\" drop comment \"internal back\"",
                "forward: iifname != \"back\" oifname \"back\" drop comment \"internal back\"",
                "ip6 forward: iifname \"back\" oifname != \"back\" drop comment \"internal back\"",
                "ip6 forward: iifname != \"back\" oifname \"back\" drop comment \"internal back\"",
            ],
            table.RulesText.Split('\n'));
        Assert.Empty(lab.Desired.Resources.OfType<RouteResource>());
    }

    [Fact]
    public void An_internal_bridge_publishes_no_port_and_masquerades_nothing()
    {
        Assert.Equal(
            ["nodes.db.ports[0]: node 'db' publishes ports on bridge 'back', which is internal: nothing outside reaches an internal bridge (docker publishes no port on an --internal network)"],
            new LabBuilder().DualStackBridge("back", ["172.18.0.0/16"], @internal: true).Node("db", ports: ["5432:5432"]).Link("db:eth0", "back").Errors());
        Assert.Equal(
            ["bridges.back.masquerade: an internal bridge has no way out to masquerade through; set masquerade or internal, not both"],
            new LabBuilder().DualStackBridge("back", ["172.18.0.0/16"], masquerade: true, @internal: true).Errors());
    }

    [Fact]
    public void A_node_on_an_internal_and_an_open_bridge_publishes_through_the_open_one()
    {
        var lab = new LabBuilder().DualStackBridge("back", ["172.18.0.0/16"], @internal: true).Bridge("front", subnet: "172.19.0.0/16")
            .Node("app", ports: ["8080:80"]).Link("app:eth0", "back").Link("app:eth1", "front");

        Assert.All(Ports(lab), p => Assert.Equal("172.19.0.2", p.NodeIp));
    }

    [Fact]
    public void Isolation_holds_in_ipv6_too_once_the_lab_has_an_ipv6_address()
    {
        var table = Table(new LabBuilder().DualStackBridge("a", ["10.1.0.0/24", "fd00:1::/64"], isolated: true).Bridge("b"));

        Assert.Equal(
            [
                "forward: iifname \"a\" oifname \"b\" drop comment \"isolated a\"", "forward: iifname \"b\" oifname \"a\" drop comment \"isolated a\"",
                "ip6 forward: iifname \"a\" oifname \"b\" drop comment \"isolated a\"", "ip6 forward: iifname \"b\" oifname \"a\" drop comment \"isolated a\"",
            ],
            table.RulesText.Split('\n'));
        Assert.True(table.HasIp6);
    }
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class PortAndNatRuleTests
{
    private const string Syntax = "[HOST_IP:]HOST_PORT[-LAST]:NODE_PORT[-LAST][/tcp|udp], e.g. 8080:80/tcp, [2001:db8::1]:8080:80";

    private static LabBuilder Web(params string[] ports) =>
        new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16").Node("web", ports: ports).Link("web:eth0", "br0");

    private static NftRule[] Rules(LabBuilder lab) =>
        [.. lab.Valid().Desired.Resources.OfType<NftTableResource>().SelectMany(t => t.Rules)];

    [Theory]
    [InlineData("8080", $"'8080' is not a port mapping ({Syntax})")]
    [InlineData("1:2:3:4", $"'1:2:3:4' is not a port mapping ({Syntax})")]
    [InlineData("8080:80/sctp", "protocol 'sctp' must be tcp or udp")]
    [InlineData("0:80", "host port '0' must be a number from 1 to 65535, or a range of them (8000-8010)")]
    [InlineData("65536:80", "host port '65536' must be a number from 1 to 65535, or a range of them (8000-8010)")]
    [InlineData("8080:-1", "node port '-1' must be a number from 1 to 65535, or a range of them (8000-8010)")]
    [InlineData("http:80", "host port 'http' must be a number from 1 to 65535, or a range of them (8000-8010)")]
    [InlineData("1.2.3:8080:80", "host address '1.2.3' is not an IPv4 address")]
    [InlineData("[fd00::1:8080:80", "'[fd00::1:8080:80' is not a port mapping ([HOST_IP:]HOST_PORT[-LAST]:NODE_PORT[-LAST][/tcp|udp], e.g. 8080:80/tcp, [2001:db8::1]:8080:80)")]
    [InlineData("[10.0.0.1]:8080:80", "host address '10.0.0.1' is not an IPv6 address")]
    [InlineData("2001:db8::1:8080:80", "an IPv6 host address goes in brackets, as for docker run -p: [::1]:8080:80")]
    [InlineData("8010-8000:80-90", "host port '8010-8000' must be a number from 1 to 65535, or a range of them (8000-8010)")]
    [InlineData("8000-8010:80", "host ports 8000-8010 (11 ports) and node ports 80 (1 port) must be ranges of one length")]
    [InlineData("8000-8001:80-82", "host ports 8000-8001 (2 ports) and node ports 80-82 (3 ports) must be ranges of one length")]
    public void A_port_mapping_follows_the_docker_syntax(string port, string problem) =>
        Assert.Equal([$"nodes.web.ports[0]: {problem} ({Syntax})"], Web(port).Errors());

    [Fact]
    public void The_bridge_port_of_a_node_that_publishes_ports_is_in_hairpin_mode_and_no_other()
    {
        var lab = Web("8080:80").Node("box1").Link("box1:eth0", "br0").Valid();

        var bridgeEnds = lab.Desired.Resources.OfType<VethResource>()
            .Select(v => v.A.Master is not null ? (Bridge: v.A, Node: v.B) : (Bridge: v.B, Node: v.A))
            .ToDictionary(e => e.Node.Namespace, e => (e.Bridge.Hairpin, e.Node.Hairpin));

        Assert.Equal((true, (bool?)null), bridgeEnds["web"]);
        Assert.Equal(((bool?)null, (bool?)null), bridgeEnds["box1"]);
    }

    [Fact]
    public void A_port_defaults_to_tcp_and_any_local_address() =>
        Assert.Equal(
            [
                new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "172.17.0.2", 80) { Comment = "ports web 8080:80" },
                new DnatRule(NftChain.Output, "tcp", null, 8080, "172.17.0.2", 80) { Comment = "ports web 8080:80" },
            ],
            Rules(Web("8080:80")));

    [Fact]
    public void A_port_with_host_ip_and_udp_keeps_both() =>
        Assert.Equal(
            [
                new DnatRule(NftChain.Prerouting, "udp", "192.168.1.5", 53, "172.17.0.2", 5353) { Comment = "ports web 192.168.1.5:53:5353/udp" },
                new DnatRule(NftChain.Output, "udp", "192.168.1.5", 53, "172.17.0.2", 5353) { Comment = "ports web 192.168.1.5:53:5353/udp" },
            ],
            Rules(Web("192.168.1.5:53:5353/udp")));

    [Fact]
    public void A_host_port_is_published_once_per_protocol_across_nodes() =>
        Assert.Equal(
            ["nodes.api.ports[0]: host port 8080/tcp is already published by nodes.web.ports[0]"],
            Web("8080:80").Node("api", ports: ["8080:81"]).Link("api:eth0", "br0").Errors());

    [Fact]
    public void A_host_port_on_any_address_clashes_with_one_on_a_given_address() =>
        Assert.Equal(
            ["nodes.web.ports[1]: host port 8080/tcp is already published by nodes.web.ports[0]"],
            Web("10.0.0.1:8080:80", "8080:81").Errors());

    [Fact]
    public void One_host_port_may_serve_tcp_and_udp_or_two_host_addresses() =>
        Assert.Equal(8, Rules(Web("8080:80", "8080:80/udp", "10.0.0.1:9090:90", "10.0.0.2:9090:90")).Length);

    [Fact]
    public void A_node_with_ports_needs_an_address_on_a_subnet_bridge() =>
        Assert.Equal(
            ["nodes.web.ports[0]: node 'web' publishes ports but has no address on a bridge with a subnet (link it to one, e.g. [web:eth0, BRIDGE])"],
            new LabBuilder().Bridge("br0").Node("web", ports: ["8080:80"]).Link("web:eth0", "br0").Errors());

    [Fact]
    public void A_published_port_goes_to_the_node_address_in_the_namespace_of_its_bridge()
    {
        var lab = new LabBuilder().Node("router").Bridge("inner", node: "router", subnet: "10.5.0.0/24")
            .Node("web", ports: ["8080:80"]).Link("web:eth0", "inner").Valid();

        var table = Assert.Single(lab.Desired.Resources.OfType<NftTableResource>());
        Assert.Equal("router", table.Ns);
        Assert.Equal(new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.5.0.2", 80) { Comment = "ports web 8080:80" }, table.Rules[0]);
    }

    [Fact]
    public void Masquerade_needs_a_subnet() =>
        Assert.Equal(
            ["bridges.br0.masquerade: masquerade needs a subnet on the bridge (add subnet:, e.g. 172.17.0.0/16)"],
            new LabBuilder().Bridge("br0", masquerade: true).Errors());

    [Fact]
    public void An_ipv6_subnet_is_masqueraded_in_the_ip6_table() =>
        Assert.Equal(
            [new MasqueradeRule("fd00::/64") { Comment = "masquerade br0" }, new HairpinMasqueradeRule("fd00::/64") { Comment = "hairpin br0" }],
            Rules(new LabBuilder().Bridge("br0", subnet: "fd00::/64", masquerade: true)));

    [Fact]
    public void An_isolated_bridge_drops_both_ways_to_every_other_bridge_of_its_namespace_once() =>
        Assert.Equal(
            [
                new IsolationRule("a", "b") { Comment = "isolated a" }, new IsolationRule("b", "a") { Comment = "isolated a" },
                new IsolationRule("a", "c") { Comment = "isolated a" }, new IsolationRule("c", "a") { Comment = "isolated c" },
                new IsolationRule("c", "b") { Comment = "isolated c" }, new IsolationRule("b", "c") { Comment = "isolated c" },
            ],
            Rules(new LabBuilder().Node("n").Bridge("a", isolated: true).Bridge("b").Bridge("c", isolated: true).Bridge("d", node: "n")));

    [Fact]
    public void A_lab_without_nat_has_no_table() =>
        Assert.Empty(new LabBuilder().Bridge("br0", subnet: "10.0.0.0/24").Valid().Desired.Resources.OfType<NftTableResource>());
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class AddressRuleTests
{
    private static LabBuilder Pair(params string[] cidrs) =>
        new LabBuilder().Nodes("a", "b").Link("a:eth0", "b:eth0", addresses: [("a:eth0", cidrs)]);

    [Theory]
    [InlineData("10.0.0.1", "'10.0.0.1' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("10.0.0.256/24", "'10.0.0.256/24' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("10.0.0.1/33", "'10.0.0.1/33' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("10.1/16", "'10.1/16' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("010.0.0.1/8", "'010.0.0.1/8' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("fd00::1/129", "'fd00::1/129' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("fd00:::1/64", "'fd00:::1/64' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)")]
    [InlineData("10.0.0.0/24", "10.0.0.0/24 is the network address of 10.0.0.0/24; an interface needs a host address (e.g. 10.0.0.1/24)")]
    [InlineData("10.0.0.255/24", "10.0.0.255/24 is the broadcast address of 10.0.0.0/24; an interface needs a host address (e.g. 10.0.0.1/24)")]
    [InlineData("fd00::/64", "fd00::/64 is the network address of fd00::/64; an interface needs a host address (e.g. fd00::1/64)")]
    public void An_interface_address_is_a_valid_host_address(string cidr, string message) =>
        Assert.Equal([$"links[0].addresses['a:eth0'][0]: {message}"], Pair(cidr).Errors());

    [Theory]
    [InlineData("224.0.0.1/24", "224.0.0.1/24 is a multicast address (224.0.0.0/4), which no interface can have; an interface needs a unicast address (e.g. 10.0.0.1/24)")]
    [InlineData("239.255.255.250/32", "239.255.255.250/32 is a multicast address (224.0.0.0/4), which no interface can have; an interface needs a unicast address (e.g. 10.0.0.1/24)")]
    [InlineData("ff02::1/64", "ff02::1/64 is a multicast address (ff00::/8), which no interface can have; an interface needs a unicast address (e.g. fd00::1/64)")]
    [InlineData("0.0.0.0/32", "0.0.0.0/32 is the unspecified address (0.0.0.0), which no interface can have; an interface needs a unicast address (e.g. 10.0.0.1/24)")]
    [InlineData("0.0.0.0/8", "0.0.0.0/8 is the unspecified address (0.0.0.0), which no interface can have; an interface needs a unicast address (e.g. 10.0.0.1/24)")]
    [InlineData("::/128", "::/128 is the unspecified address (::), which no interface can have; an interface needs a unicast address (e.g. fd00::1/64)")]
    [InlineData("255.255.255.255/32", "255.255.255.255/32 is the limited broadcast address, which no interface can have; an interface needs a unicast address (e.g. 10.0.0.1/24)")]
    public void An_interface_address_is_unicast(string cidr, string message) =>
        Assert.Equal([$"links[0].addresses['a:eth0'][0]: {message}"], Pair(cidr).Errors());

    [Theory]
    [InlineData("224.1.0.0/16", "subnet 224.1.0.0/16 overlaps the multicast range 224.0.0.0/4: its addresses go on interfaces, which take only unicast addresses (e.g. 172.17.0.0/16)")]
    [InlineData("128.0.0.0/1", "subnet 128.0.0.0/1 overlaps the multicast range 224.0.0.0/4: its addresses go on interfaces, which take only unicast addresses (e.g. 172.17.0.0/16)")]
    [InlineData("ff05::/64", "subnet ff05::/64 overlaps the multicast range ff00::/8: its addresses go on interfaces, which take only unicast addresses (e.g. fd00::/64)")]
    public void A_bridge_subnet_is_unicast(string subnet, string message) =>
        Assert.Equal([$"bridges.br0.subnet: {message}"], new LabBuilder().Bridge("br0", subnet: subnet).Errors());

    [Fact]
    public void A_bridge_address_is_unicast() =>
        Assert.Equal(
            ["bridges.br0.address: 224.0.0.5/24 is a multicast address (224.0.0.0/4), which no interface can have; an interface needs a unicast address (e.g. 10.0.0.1/24)"],
            new LabBuilder().Bridge("br0", address: "224.0.0.5/24").Errors());

    [Theory]
    [InlineData("10.0.0.0/31")]
    [InlineData("10.0.0.1/31")]
    [InlineData("10.0.0.7/32")]
    [InlineData("fd00::ffff/64")]
    [InlineData("fd00::/127")]
    public void Point_to_point_and_host_prefixes_use_every_address(string cidr) => Assert.Empty(Pair(cidr).Errors());

    [Fact]
    public void An_address_is_used_once_in_the_lab() =>
        Assert.Equal(
            ["links[0].addresses['b:eth0'][0]: address 10.0.0.1 is already used by links[0] (a:eth0)"],
            new LabBuilder().Nodes("a", "b")
                .Link("a:eth0", "b:eth0", addresses: [("a:eth0", ["10.0.0.1/24"]), ("b:eth0", ["10.0.0.1/16"])])
                .Errors());

    [Fact]
    public void A_written_address_cannot_repeat_a_bridge_gateway() =>
        Assert.Equal(
            ["links[0].addresses['host:v0'][0]: address 172.17.0.1 is already used by bridge 'docker0'"],
            new LabBuilder().Node("a").Bridge("docker0", subnet: "172.17.0.0/16")
                .Link("a:eth0", "host:v0", addresses: [("host:v0", ["172.17.0.1/24"])])
                .Errors());

    [Fact]
    public void Addresses_are_given_only_for_an_end_of_the_link() =>
        Assert.Equal(
            ["links[0].addresses['c:eth0']: 'c:eth0' is not an end of this link (ends: a:eth0, b:eth0)"],
            new LabBuilder().Nodes("a", "b", "c").Link("a:eth0", "b:eth0", addresses: [("c:eth0", ["10.0.0.1/24"])]).Errors());

    [Fact]
    public void A_bridge_port_takes_no_address() =>
        Assert.Equal(
            ["links[0].addresses['docker0']: 'docker0' is a port of bridge 'docker0' and takes no address (give the bridge one with bridges.docker0.address)"],
            new LabBuilder().Node("a").Bridge("docker0").Link("a:eth0", "docker0", addresses: [("docker0", ["10.0.0.1/24"])]).Errors());

    [Fact]
    public void A_node_address_on_a_subnet_bridge_must_be_in_the_subnet() =>
        Assert.Equal(
            ["links[0].addresses['a:eth0'][0]: 10.0.0.5/16 is outside subnet 172.17.0.0/16 of bridge 'docker0' (e.g. 172.17.0.2/16)"],
            new LabBuilder().Node("a").Bridge("docker0", subnet: "172.17.0.0/16")
                .Link("a:eth0", "docker0", addresses: [("a:eth0", ["10.0.0.5/16"])]).Errors());

    [Fact]
    public void A_node_address_on_a_subnet_bridge_has_the_subnet_prefix() =>
        Assert.Equal(
            ["links[0].addresses['a:eth0'][0]: 172.17.5.5/24 has prefix /24 but subnet 172.17.0.0/16 of bridge 'docker0' is /16 (write 172.17.5.5/16)"],
            new LabBuilder().Node("a").Bridge("docker0", subnet: "172.17.0.0/16")
                .Link("a:eth0", "docker0", addresses: [("a:eth0", ["172.17.5.5/24"])]).Errors());

    [Fact]
    public void An_address_of_the_other_family_beside_a_subnet_bridge_is_allowed()
    {
        var lab = new LabBuilder().Node("a").Bridge("docker0", subnet: "172.17.0.0/16")
            .Link("a:eth0", "docker0", addresses: [("a:eth0", ["fd00::5/64"])]).Valid();

        Assert.Contains(new AddressResource("a", "eth0", "fd00::5/64"), lab.Desired.Resources.Select(r => r with { Owner = null }));
    }

    [Theory]
    [InlineData("172.17.0.0/33", "'172.17.0.0/33' is not a network in CIDR form (e.g. 172.17.0.0/16 or fd00::/64)")]
    [InlineData("172.17.0.1/16", "'172.17.0.1/16' has host bits set (write 172.17.0.0/16)")]
    public void A_subnet_is_a_network(string subnet, string message) =>
        Assert.Equal([$"bridges.br0.subnet: {message}"], new LabBuilder().Bridge("br0", subnet: subnet).Errors());

    [Fact]
    public void A_bridge_address_must_be_inside_its_subnet() =>
        Assert.Equal(
            ["bridges.br0.address: 10.0.0.1/16 is outside subnet 172.17.0.0/16 of bridge 'br0' (e.g. 172.17.0.2/16)"],
            new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16", address: "10.0.0.1").Errors());

    [Fact]
    public void A_bridge_address_cannot_be_the_subnet_network_address() =>
        Assert.Equal(
            ["bridges.br0.address: 172.17.0.0/16 is the network address of 172.17.0.0/16; an interface needs a host address (e.g. 172.17.0.1/16)"],
            new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16", address: "172.17.0.0").Errors());

    [Theory]
    [InlineData("172.17.0.254")]
    [InlineData("172.17.0.254/16")]
    public void A_bridge_address_with_a_subnet_is_an_ip_or_a_cidr_with_its_prefix(string address)
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16", address: address).Valid();

        Assert.Equal(new AddressResource("", "br0", "172.17.0.254/16"), lab.Desired.Resources.OfType<AddressResource>().Single() with { Owner = null });
    }

    [Fact]
    public void A_bridge_address_without_a_subnet_is_a_plain_cidr()
    {
        var lab = new LabBuilder().Bridge("br0", address: "10.1.0.1/24").Valid();

        Assert.Equal(new AddressResource("", "br0", "10.1.0.1/24"), lab.Desired.Resources.OfType<AddressResource>().Single() with { Owner = null });
        Assert.Empty(lab.Desired.Resources.OfType<RouteResource>());
    }

    [Fact]
    public void A_bridge_address_without_a_subnet_needs_a_prefix() =>
        Assert.Equal(
            ["bridges.br0.address: '10.1.0.1' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)"],
            new LabBuilder().Bridge("br0", address: "10.1.0.1").Errors());

    [Fact]
    public void Bridge_subnets_do_not_overlap() =>
        Assert.Equal(
            ["bridges.b.subnet: subnet 172.17.0.0/24 overlaps subnet 172.16.0.0/12 of bridge 'a'"],
            new LabBuilder().Bridge("a", subnet: "172.16.0.0/12").Bridge("b", subnet: "172.17.0.0/24").Errors());

    [Fact]
    public void An_overlap_is_reported_at_the_later_bridge_whatever_the_address_order() =>
        Assert.Equal(
            ["bridges.b.subnet: subnet 10.0.0.0/8 overlaps subnet 10.5.0.0/16 of bridge 'a'"],
            new LabBuilder().Bridge("a", subnet: "10.5.0.0/16").Bridge("c", subnet: "192.168.0.0/24").Bridge("b", subnet: "10.0.0.0/8").Errors());

    [Fact]
    public void An_ip_range_lies_inside_the_subnet() =>
        Assert.Equal(
            ["bridges.br0.ip_range: ip_range 172.18.0.0/20 is not inside subnet 172.17.0.0/16 (pick a range within it, e.g. 172.17.0.0/20)"],
            new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16", ipRange: "172.18.0.0/20").Errors());

    [Fact]
    public void An_ip_range_is_a_network() =>
        Assert.Equal(
            ["bridges.br0.ip_range: '172.17.1.1/24' has host bits set (write 172.17.1.0/24)"],
            new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16", ipRange: "172.17.1.1/24").Errors());

    [Fact]
    public void An_ip_range_needs_a_subnet() =>
        Assert.Equal(
            ["bridges.br0.ip_range: ip_range needs a subnet on the bridge (add subnet: with a network that holds it)"],
            new LabBuilder().Bridge("br0", ipRange: "172.17.1.0/24").Errors());

    [Fact]
    public void An_exhausted_subnet_points_at_the_link_that_got_nothing() =>
        Assert.Equal(
            ["links[1]: no free address left in subnet 10.0.0.0/30 of bridge 'br0' for b:eth0 (widen it or write an address for this end)"],
            new LabBuilder().Nodes("a", "b").Bridge("br0", subnet: "10.0.0.0/30")
                .Link("a:eth0", "br0").Link("b:eth0", "br0").Errors());

    [Fact]
    public void An_exhausted_ip_range_names_the_range() =>
        Assert.Equal(
            ["links[2]: no free address left in ip_range 10.0.1.0/30 of bridge 'br0' for c:eth0 (widen it or write an address for this end)"],
            new LabBuilder().Nodes("a", "b", "c").Bridge("br0", subnet: "10.0.0.0/16", ipRange: "10.0.1.0/30")
                .Link("a:eth0", "br0").Link("b:eth0", "br0").Link("c:eth0", "br0").Errors());
}

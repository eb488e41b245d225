using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class IpamTests
{
    private static string[] Addresses(LabBuilder lab) =>
        [.. lab.Valid().Desired.Resources.OfType<AddressResource>().Select(a => $"{a.Ns.Display}:{a.Device} {a.Cidr}")];

    private static LabBuilder Boxes(int count, string? ipRange = null, string? gateway = null)
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "10.0.0.0/24", ipRange: ipRange, address: gateway);
        for (var i = 1; i <= count; i++) lab.Node($"box{i}");
        for (var i = 1; i <= count; i++) lab.Link($"box{i}:eth0", "br0");
        return lab;
    }

    [Fact]
    public void Automatic_addresses_go_by_link_order_after_the_gateway() =>
        Assert.Equal(["host:br0 10.0.0.1/24", "box1:eth0 10.0.0.2/24", "box2:eth0 10.0.0.3/24", "box3:eth0 10.0.0.4/24"], Addresses(Boxes(3)));

    [Fact]
    public void The_same_file_gives_the_same_addresses() => Assert.Equal(Addresses(Boxes(5)), Addresses(Boxes(5)));

    [Fact]
    public void Appending_a_link_keeps_every_earlier_address()
    {
        var before = Addresses(Boxes(4));
        var after = Addresses(Boxes(4).Node("late").Link("late:eth0", "br0"));

        Assert.Equal(before, after[..before.Length]);
        Assert.Equal("late:eth0 10.0.0.6/24", after[^1]);
    }

    [Fact]
    public void Written_addresses_anywhere_in_the_lab_are_skipped_even_when_written_later()
    {
        var lab = Boxes(2).Nodes("x", "y").Link("x:eth0", "y:eth0", addresses: [("x:eth0", ["10.0.0.2/24"])]);

        Assert.Equal(["host:br0 10.0.0.1/24", "box1:eth0 10.0.0.3/24", "box2:eth0 10.0.0.4/24", "x:eth0 10.0.0.2/24"], Addresses(lab));
    }

    [Fact]
    public void A_written_gateway_is_skipped_and_the_first_usable_address_is_free() =>
        Assert.Equal(["host:br0 10.0.0.2/24", "box1:eth0 10.0.0.1/24", "box2:eth0 10.0.0.3/24"], Addresses(Boxes(2, gateway: "10.0.0.2")));

    [Fact]
    public void An_ip_range_gives_its_first_usable_address_first_with_the_subnet_prefix() =>
        Assert.Equal(["host:br0 10.0.0.1/24", "box1:eth0 10.0.0.129/24", "box2:eth0 10.0.0.130/24"], Addresses(Boxes(2, ipRange: "10.0.0.128/25")));

    [Fact]
    public void A_node_with_a_written_address_gets_no_automatic_one_and_no_default_route()
    {
        var lab = new LabBuilder().Node("a").Bridge("br0", subnet: "10.0.0.0/24")
            .Link("a:eth0", "br0", addresses: [("a:eth0", ["10.0.0.50/24"])]).Valid();

        Assert.Equal(["10.0.0.1/24", "10.0.0.50/24"], lab.Desired.Resources.OfType<AddressResource>().Select(a => a.Cidr));
        Assert.Empty(lab.Desired.Resources.OfType<RouteResource>());
    }

    [Fact]
    public void An_ipv6_subnet_numbers_from_its_first_address_on()
    {
        var lab = new LabBuilder().Node("a").Bridge("br0", subnet: "fd00:1::/64").Link("a:eth0", "br0");

        Assert.Equal(["host:br0 fd00:1::1/64", "a:eth0 fd00:1::2/64"], Addresses(lab));
    }

    [Fact]
    public void A_host_end_on_a_bridge_gets_no_automatic_address() =>
        Assert.Equal(["host:br0 10.0.0.1/24"], Addresses(new LabBuilder().Bridge("br0", subnet: "10.0.0.0/24").Link("host:v0", "br0")));
}

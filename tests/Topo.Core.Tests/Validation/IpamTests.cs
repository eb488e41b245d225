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

    private static LabBuilder DualStack(int count, string[]? ipRanges = null, string[]? subnets = null, string? gateway = null)
    {
        var lab = new LabBuilder().DualStackBridge("br0", subnets ?? ["10.0.0.0/24", "fd00:20::/64"], ipRanges, gateway);
        for (var i = 1; i <= count; i++) lab.Node($"box{i}");
        for (var i = 1; i <= count; i++) lab.Link($"box{i}:eth0", "br0");
        return lab;
    }

    [Fact]
    public void A_dual_stack_bridge_gives_each_node_one_address_per_family_after_both_gateways() =>
        Assert.Equal(
            ["host:br0 10.0.0.1/24", "host:br0 fd00:20::1/64", "box1:eth0 10.0.0.2/24", "box1:eth0 fd00:20::2/64", "box2:eth0 10.0.0.3/24", "box2:eth0 fd00:20::3/64"],
            Addresses(DualStack(2)));

    [Fact]
    public void Adding_an_IPv6_subnet_keeps_every_IPv4_address() =>
        Assert.Equal(Addresses(Boxes(3)), Addresses(DualStack(3)).Where(a => !a.Contains("fd00", StringComparison.Ordinal)));

    [Fact]
    public void Appending_a_link_to_a_dual_stack_bridge_keeps_every_earlier_address_in_both_families()
    {
        var before = Addresses(DualStack(4));
        var after = Addresses(DualStack(4).Node("late").Link("late:eth0", "br0"));

        Assert.Equal(before, after[..before.Length]);
        Assert.Equal(["late:eth0 10.0.0.6/24", "late:eth0 fd00:20::6/64"], after[^2..]);
    }

    [Fact]
    public void Each_family_takes_its_own_ip_range_and_written_gateway() =>
        Assert.Equal(
            ["host:br0 10.0.0.1/24", "host:br0 fd00:20::ff/64", "box1:eth0 10.0.0.129/24", "box1:eth0 fd00:20::101/64"],
            Addresses(DualStack(1, ipRanges: ["fd00:20::100/120", "10.0.0.128/25"], gateway: "fd00:20::ff")));

    [Fact]
    public void Written_IPv6_addresses_anywhere_in_the_lab_are_skipped() =>
        Assert.Equal(
            ["host:br0 10.0.0.1/24", "host:br0 fd00:20::1/64", "box1:eth0 10.0.0.2/24", "box1:eth0 fd00:20::3/64", "x:eth0 fd00:20::2/64"],
            Addresses(DualStack(1).Nodes("x", "y").Link("x:eth0", "y:eth0", addresses: [("x:eth0", ["fd00:20::2/64"])])));

    [Theory]
    [InlineData(new[] { "10.0.0.0/24", "10.1.0.0/24" }, null, "bridges.br0.subnet[1]: bridge 'br0' has two IPv4 subnets (10.0.0.0/24 and 10.1.0.0/24); a bridge takes one IPv4 and one IPv6 subnet, e.g. [172.20.0.0/16, fd00:20::/64]")]
    [InlineData(new[] { "10.0.0.0/24", "fd00:20::/64" }, new[] { "fd00:21::/120" }, "bridges.br0.ip_range: ip_range fd00:21::/120 is not inside subnet fd00:20::/64 (pick a range within it, e.g. fd00:20::/68)")]
    [InlineData(new[] { "10.0.0.0/24" }, new[] { "10.0.0.0/25", "fd00:20::/120" }, "bridges.br0.ip_range[1]: ip_range fd00:20::/120 is IPv6 but bridge 'br0' has no IPv6 subnet (add one to subnet:, e.g. [172.20.0.0/16, fd00:20::/64])")]
    [InlineData(new[] { "10.0.0.0/24", "fd00:20::/64" }, new[] { "fd00:20::/120", "fd00:20::100/120" }, "bridges.br0.ip_range[1]: bridge 'br0' has two IPv6 ip_ranges (fd00:20::/120 and fd00:20::100/120); write one per family")]
    public void A_dual_stack_mistake_is_refused(string[] subnets, string[]? ipRanges, string error) =>
        Assert.Equal([error], new LabBuilder().DualStackBridge("br0", subnets, ipRanges).Errors());

    [Fact]
    public void A_gateway_of_a_family_the_bridge_has_no_subnet_of_is_refused() =>
        Assert.Equal(
            ["bridges.br0.address: address fd00:20::1 is IPv6 but bridge 'br0' has no IPv6 subnet (write the gateway of one of its subnets, or add a subnet of that family)"],
            new LabBuilder().Bridge("br0", subnet: "10.0.0.0/24", address: "fd00:20::1").Errors());
}

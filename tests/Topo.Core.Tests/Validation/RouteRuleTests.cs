using Topo.Core.State;
using Topo.Core.Validation;
using Topo.Core.Kinds;

namespace Topo.Core.Tests.Validation;

public sealed class RouteRuleTests
{
    /// <summary>router:eth1 10.100.0.1/24 joined to host:vr1 10.100.0.2/24, plus a box on a subnet bridge.</summary>
    private static LabBuilder Lab(params (string To, string? Via, string? Dev)[] routes) => new LabBuilder()
        .Bridge("br0", subnet: "172.17.0.0/16")
        .Node("box1")
        .Node("router", routes: routes)
        .Link("box1:eth0", "br0")
        .Link("router:eth1", "host:vr1", addresses: [("router:eth1", ["10.100.0.1/24"]), ("host:vr1", ["10.100.0.2/24"])]);

    private static RouteResource[] Routes(ValidatedLab lab) => [.. lab.Desired.Resources.OfType<RouteResource>()];

    /// <summary>What is compared of a route, without its owner and its gateway dependency (asserted apart).</summary>
    private static RouteResource Plain(RouteResource route) => route with { Owner = null, GatewayAddress = null };

    [Theory]
    [InlineData("10.9.0.0/33", null, null, "nodes.router.routes[0].to: '10.9.0.0/33' is not a network in CIDR form (e.g. 172.17.0.0/16 or fd00::/64)")]
    [InlineData("somewhere", "10.100.0.2", null, "nodes.router.routes[0].to: 'somewhere' is not a network in CIDR form (e.g. 172.17.0.0/16 or fd00::/64)")]
    [InlineData("10.9.0.1/16", "10.100.0.2", null, "nodes.router.routes[0].to: '10.9.0.1/16' has host bits set (write 10.9.0.0/16)")]
    [InlineData("10.9.0.0/16", null, null, "nodes.router.routes[0]: a route needs via: (a gateway address) or dev: (an interface), e.g. {to: 10.9.0.0/16, via: 10.0.0.1}")]
    [InlineData("10.9.0.0/16", "10.100.0", null, "nodes.router.routes[0].via: via '10.100.0' is not an IP address (e.g. 10.0.0.1 or fd00::1)")]
    [InlineData("10.9.0.0/16", "10.200.0.2", null, "nodes.router.routes[0].via: via 10.200.0.2 is not inside any subnet connected to router (connected: 10.100.0.0/24)")]
    [InlineData("10.9.0.0/16", "10.100.0.1", null, "nodes.router.routes[0].via: via 10.100.0.1 is an address of router itself; the gateway must be a neighbour's address")]
    [InlineData("10.9.0.0/16", "fd00::1", null, "nodes.router.routes[0].via: via fd00::1 is IPv6 but the destination 10.9.0.0/16 is IPv4; use a gateway of the same family")]
    [InlineData("10.9.0.0/16", null, "eth9", "nodes.router.routes[0].dev: dev 'eth9' names no interface the lab puts in router (interfaces: eth1, lo)")]
    public void A_route_is_checked_against_its_namespace(string to, string? via, string? dev, string message) =>
        Assert.Equal([message], Lab((to, via, dev)).Errors());

    [Fact]
    public void Two_routes_to_one_destination_are_refused() =>
        Assert.Equal(
            ["nodes.router.routes[1].to: a route to 10.9.0.0/16 is already declared in router (nodes.router.routes[0])"],
            Lab(("10.9.0.0/16", "10.100.0.2", null), ("10.9.0.0/16", null, "eth1")).Errors());

    [Fact]
    public void Two_default_routes_are_refused_whatever_they_are_written_as() =>
        Assert.Equal(
            ["nodes.router.routes[1].to: a route to default is already declared in router (nodes.router.routes[0])"],
            Lab(("default", "10.100.0.2", null), ("0.0.0.0/0", null, "eth1")).Errors());

    [Fact]
    public void An_IPv4_and_an_IPv6_default_are_two_routes_keyed_as_the_kernel_reads_them_back()
    {
        var lab = new LabBuilder().Node("a", routes: [("default", "10.1.0.2", null), ("default", "fd00:1::2", null)]).Node("b", routes: [("::/0", "fd00:1::1", null)])
            .Link("a:eth0", "b:eth0", addresses: [("a:eth0", ["10.1.0.1/24", "fd00:1::1/64"]), ("b:eth0", ["10.1.0.2/24", "fd00:1::2/64"])]).Valid();

        Assert.Equal(
            [new RouteResource("a", "::/0", "fd00:1::2", null), new RouteResource("a", "default", "10.1.0.2", null), new RouteResource("b", "::/0", "fd00:1::1", null)],
            Routes(lab).Select(Plain).OrderBy(r => r.Ns).ThenBy(r => r.To, StringComparer.Ordinal));
    }

    [Fact]
    public void Two_IPv6_defaults_are_refused_whatever_they_are_written_as() =>
        Assert.Equal(
            ["nodes.router.routes[1].to: a route to ::/0 is already declared in router (nodes.router.routes[0])"],
            new LabBuilder().Node("router", routes: [("default", "fd00:1::2", null), ("::/0", "fd00:1::3", null)]).Node("b")
                .Link("router:eth1", "b:eth0", addresses: [("router:eth1", ["fd00:1::1/64"]), ("b:eth0", ["fd00:1::2/64"])]).Errors());

    [Fact]
    public void An_IPv6_default_with_an_IPv4_gateway_is_refused() =>
        Assert.Equal(
            ["nodes.router.routes[0].via: via 10.100.0.2 is IPv4 but the destination ::/0 is IPv6; use a gateway of the same family"],
            Lab(("::/0", "10.100.0.2", null)).Errors());

    [Fact]
    public void A_node_declaring_only_an_IPv6_default_still_gets_the_implicit_IPv4_one()
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16")
            .Node("box1", routes: [("::/0", "fd00:1::2", null)])
            .Link("box1:eth0", "br0").Link("box1:eth1", "host:v1", addresses: [("box1:eth1", ["fd00:1::1/64"]), ("host:v1", ["fd00:1::2/64"])]).Valid();

        Assert.Contains(new RouteResource("box1", "default", "172.17.0.1", null), Routes(lab).Select(Plain));
    }

    [Fact]
    public void A_route_gets_the_lab_address_whose_subnet_holds_its_gateway()
    {
        var lab = Lab(("10.9.0.0/16", "10.100.0.2", null)).Valid();

        var route = Routes(lab).Single(r => r.Ns == "router");
        Assert.Equal(new RouteResource("router", "10.9.0.0/16", "10.100.0.2", null), Plain(route));
        Assert.Equal(new AddressResource("router", "eth1", "10.100.0.1/24").Key, route.GatewayAddress);
    }

    [Fact]
    public void A_dev_route_keeps_its_device_and_needs_no_gateway()
    {
        var route = Routes(Lab(("10.9.0.0/16", null, "eth1")).Valid()).Single(r => r.Ns == "router");

        Assert.Equal(new RouteResource("router", "10.9.0.0/16", null, "eth1"), Plain(route));
        Assert.Null(route.GatewayAddress);
    }

    [Fact]
    public void A_node_on_a_subnet_bridge_gets_a_default_route_via_the_gateway()
    {
        var route = Routes(Lab().Valid()).Single();

        Assert.Equal(new RouteResource("box1", "default", "172.17.0.1", null), Plain(route));
        Assert.Equal(new AddressResource("box1", "eth0", "172.17.0.2/16").Key, route.GatewayAddress);
    }

    [Fact]
    public void A_node_declaring_its_own_default_gets_no_implicit_one()
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16")
            .Node("box1", routes: [("default", "172.17.0.9", null)])
            .Link("box1:eth0", "br0").Valid();

        Assert.Equal([new RouteResource("box1", "default", "172.17.0.9", null)], Routes(lab).Select(Plain));
    }

    [Fact]
    public void Only_the_first_subnet_bridge_of_a_node_gives_it_a_default_route()
    {
        var lab = new LabBuilder().Bridge("a", subnet: "10.1.0.0/24").Bridge("b", subnet: "10.2.0.0/24").Node("box")
            .Link("box:eth0", "b").Link("box:eth1", "a").Valid();

        var route = Assert.Single(Routes(lab));
        Assert.Equal(new RouteResource("box", "default", "10.2.0.1", null), Plain(route));
        Assert.Equal(new AddressResource("box", "eth0", "10.2.0.2/24").Key, route.GatewayAddress);
    }

    [Fact]
    public void A_node_on_an_IPv4_bridge_and_an_IPv6_bridge_gets_a_default_route_in_each_family()
    {
        var lab = new LabBuilder().Bridge("a", subnet: "10.1.0.0/24").Bridge("b", subnet: "fd00:2::/64").Node("box")
            .Link("box:eth0", "a").Link("box:eth1", "b").Valid();

        Assert.Equal(
            [new RouteResource("box", "default", "10.1.0.1", null), new RouteResource("box", "::/0", "fd00:2::1", null)],
            Routes(lab).Select(Plain));
    }

    [Fact]
    public void A_node_on_a_dual_stack_bridge_gets_a_default_route_per_family_via_its_gateways()
    {
        var lab = new LabBuilder().DualStackBridge("br0", ["172.20.0.0/16", "fd00:20::/64"]).Node("box1").Link("box1:eth0", "br0").Valid();

        var routes = Routes(lab);
        Assert.Equal(
            [new RouteResource("box1", "default", "172.20.0.1", null), new RouteResource("box1", "::/0", "fd00:20::1", null)],
            routes.Select(Plain));
        Assert.Equal(
            [new AddressResource("box1", "eth0", "172.20.0.2/16").Key, new AddressResource("box1", "eth0", "fd00:20::2/64").Key],
            routes.Select(r => r.GatewayAddress));
    }

    [Fact]
    public void A_gateway_via_a_bridge_address_in_the_same_namespace_is_connected()
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "172.17.0.0/16").Node("box1").Link("box1:eth0", "br0")
            .HostRoute("10.50.0.0/16", "172.17.0.2").Valid();

        var route = Routes(lab).Single(r => r.Ns.IsHost);
        Assert.Equal(new AddressResource(Netns.Host, "br0", "172.17.0.1/16").Key, route.GatewayAddress);
    }

    [Fact]
    public void A_host_route_must_reach_its_gateway_from_the_host() =>
        Assert.Equal(
            ["host.routes[0].via: via 10.7.0.1 is not inside any subnet connected to host (connected: 172.17.0.0/16, 10.100.0.0/24)"],
            Lab().HostRoute("10.50.0.0/16", "10.7.0.1").Errors());
}

using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

public sealed class RouteTests
{
    private static RtnlClient WithBridge(KernelSandbox sandbox)
    {
        var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0", new LinkOptions(Up: true)));
        host.Apply(b => b.AddAddress("br0", "10.5.0.1/24").AddAddress("br0", "fd05::1/64"));
        return host;
    }

    [KernelFact]
    public void A_default_route_via_a_gateway_and_a_dev_route_are_added_replaced_and_deleted()
    {
        using var sandbox = new KernelSandbox();
        using var host = WithBridge(sandbox);

        host.Apply(b => b
            .AddRoute(new RouteSpec("default", Via: "10.5.0.254"))
            .AddRoute(new RouteSpec("10.77.0.0/16", Device: "br0")));

        Assert.Equal(["default via 10.5.0.254 dev br0", "10.77.0.0/16 dev br0"], IpWitness.Routes(sandbox, null));
        var read = host.Routes().Where(r => r.IsUserRoute).Select(r => (r.To, r.Gateway?.ToString())).ToList();
        Assert.Equal([("default", "10.5.0.254"), ("10.77.0.0/16", null)], read);

        host.Apply(b => b.ReplaceRoute(new RouteSpec("10.77.0.0/16", Via: "10.5.0.9")));
        Assert.Equal(["default via 10.5.0.254 dev br0", "10.77.0.0/16 via 10.5.0.9 dev br0"], IpWitness.Routes(sandbox, null));

        host.Apply(b => b.DeleteRoute(new RouteSpec("default")).DeleteRoute(new RouteSpec("10.77.0.0/16")));
        Assert.Empty(IpWitness.Routes(sandbox, null));
    }

    [KernelFact]
    public void A_route_carries_topos_protocol_and_a_marked_deletion_spares_a_twin_made_by_hand()
    {
        using var sandbox = new KernelSandbox();
        using var host = WithBridge(sandbox);
        host.Apply(b => b.AddRoute(new RouteSpec("10.77.0.0/16", Device: "br0")));
        sandbox.Witness("ip", "route", "add", "10.77.0.0/16", "dev", "br0", "metric", "50");

        Assert.Equal([Rta.ProtoTopo, Rta.ProtoBoot], host.Routes().Where(r => r.IsUserRoute).Select(r => r.Protocol).Order().Reverse());
        host.Apply(b => b.DeleteRoute(new RouteSpec("10.77.0.0/16", MarkedOnly: true)));
        // Once topo's is gone, a marked deletion finds nothing rather than the twin.
        Assert.Throws<KernelException>(() => host.Apply(b => b.DeleteRoute(new RouteSpec("10.77.0.0/16", MarkedOnly: true))));

        var left = Assert.Single(sandbox.Witness("ip", "route", "show", "10.77.0.0/16").Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("metric 50", left);
    }

    [KernelFact]
    public void An_IPv6_default_route_is_read_and_kernel_routes_are_not()
    {
        using var sandbox = new KernelSandbox();
        using var host = WithBridge(sandbox);

        host.Apply(b => b.AddRoute(new RouteSpec("default", Via: "fd05::fe", Device: "br0")));

        Assert.Equal(["default via fd05::fe dev br0"], IpWitness.Routes(sandbox, null, "-6"));
        var user = host.Routes().Where(r => r.IsUserRoute).ToList();
        var only = Assert.Single(user);
        Assert.Equal("default", only.To);
        Assert.Equal("fd05::fe", only.Gateway?.ToString());
    }

    [KernelFact]
    public void A_gateway_outside_every_subnet_comes_back_in_the_kernels_words()
    {
        using var sandbox = new KernelSandbox();
        using var host = WithBridge(sandbox);

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.AddRoute(new RouteSpec("10.8.0.0/16", Via: "192.0.2.1"))));

        Assert.Equal(Errors.ENETUNREACH, e.Errno);
        Assert.Equal("Nexthop has invalid gateway", e.KernelMessage);
        Assert.Equal("adding route 10.8.0.0/16 via 192.0.2.1 in namespace 'host': Nexthop has invalid gateway", e.Message);
    }

    [KernelFact]
    public void Deleting_a_route_that_is_gone_names_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = WithBridge(sandbox);

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.DeleteRoute(new RouteSpec("10.99.0.0/16"))));

        Assert.Equal(Errors.ESRCH, e.Errno);
        Assert.StartsWith("deleting route 10.99.0.0/16 in namespace 'host': ", e.Message);
    }
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

/// <summary><c>network: host|none</c> and <c>netns: PATH</c>: where a node's objects land, and what such a node may not have.</summary>
public sealed class NodeNetworkRuleTests
{
    private const string Proc = "/proc/4242/ns/net";

    [Fact]
    public void A_host_network_node_makes_no_namespace_and_its_ends_are_the_hosts()
    {
        var lab = new LabBuilder().Node("monitor", network: "host").Node("probe")
            .Link("monitor:tap0", "probe:eth0", addresses: [("monitor:tap0", ["10.62.0.1/24"]), ("probe:eth0", ["10.62.0.2/24"])])
            .Valid();

        Assert.Equal(["probe"], lab.Desired.Resources.OfType<NamespaceResource>().Select(n => n.Name));
        var veth = Assert.Single(lab.Desired.Resources.OfType<VethResource>());
        Assert.Equal(("", "tap0"), (veth.A.Namespace, veth.A.Name));
        Assert.Contains(new AddressResource(Netns.Host, "tap0", "10.62.0.1/24") { Owner = "t" }, lab.Desired.Resources);
        Assert.Equal(new SharedNamespace("monitor", Netns.Host), Assert.Single(lab.Desired.Shared));
        Assert.Empty(lab.Desired.Attached);
    }

    [Fact]
    public void A_host_network_node_on_a_bridge_gets_an_address_but_never_the_hosts_default_route()
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "10.60.0.0/24").Node("monitor", network: "host").Node("app")
            .Link("monitor:mon0", "br0").Link("app:eth0", "br0").Valid();

        Assert.Contains(lab.Desired.Resources.OfType<AddressResource>(), a => a is { Ns.IsHost: true, Device: "mon0", Cidr: "10.60.0.2/24" });
        var route = Assert.Single(lab.Desired.Resources.OfType<RouteResource>());
        Assert.Equal("app", route.Ns);
    }

    [Fact]
    public void Checks_from_and_to_a_host_network_node_are_the_hosts()
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "10.60.0.0/24").Node("monitor", network: "host").Node("app")
            .Link("app:eth0", "br0")
            .Check("monitor", "app").Check("app", "monitor").Valid();

        Assert.Equal((Netns.Host, "10.60.0.2"), (lab.Checks[0].FromNamespace, lab.Checks[0].Address));
        Assert.Equal(("app", "10.60.0.1"), (lab.Checks[1].FromNamespace, lab.Checks[1].Address));
        Assert.Equal(["monitor (host)", "app"], lab.Checks.Select(c => c.FromShown));
    }

    [Fact]
    public void A_host_network_node_shares_the_hosts_settings_when_they_agree()
    {
        var lab = new LabBuilder().HostSysctl("net.ipv4.ip_forward", "1")
            .Node("monitor", network: "host", sysctls: [("net.ipv4.ip_forward", "1"), ("net.ipv4.conf.all.rp_filter", "2")])
            .Valid();

        Assert.Equal(
            [("net.ipv4.ip_forward", "1"), ("net.ipv4.conf.all.rp_filter", "2")],
            lab.Desired.Resources.OfType<SysctlResource>().Select(s => (s.Name, s.Value)));
        Assert.All(lab.Desired.Resources.OfType<SysctlResource>(), s => Assert.Equal(Netns.Host, s.Ns));
    }

    [Fact]
    public void A_none_network_node_is_a_namespace_with_only_its_loopback()
    {
        var lab = new LabBuilder().Node("sealed", network: "none").Check("sealed", "127.0.0.1").Valid();

        Assert.Equal(new NamespaceResource("sealed") { Owner = "t" }, Assert.Single(lab.Desired.Resources));
        Assert.Equal("sealed", lab.Checks[0].FromNamespace);
    }

    [Fact]
    public void An_attached_node_keys_its_objects_by_the_path_and_makes_no_namespace()
    {
        var lab = new LabBuilder().Bridge("br0", subnet: "10.70.0.0/24").Node("web", netns: Proc, ports: ["8080:80"])
            .Link("web:eth0", "br0").Check("web", "10.70.0.1").Check("host", "web").Valid();

        Assert.Empty(lab.Desired.Resources.OfType<NamespaceResource>());
        Assert.Equal(new SharedNamespace("web", Proc), Assert.Single(lab.Desired.Attached));
        var veth = Assert.Single(lab.Desired.Resources.OfType<VethResource>());
        Assert.Contains(new[] { veth.A, veth.B }, e => e is { Namespace.Id: Proc, Name: "eth0", Master: null });
        Assert.Contains(lab.Desired.Resources.OfType<AddressResource>(), a => a is { Ns.Id: Proc, Device: "eth0", Cidr: "10.70.0.2/24" });
        Assert.Contains(lab.Desired.Resources.OfType<RouteResource>(), r => r is { Ns.Id: Proc, To: "default", Via: "10.70.0.1" });
        Assert.Contains(lab.Desired.Resources.OfType<NftTableResource>().Single().Rules, r => r is DnatRule { NodeIp: "10.70.0.2" });
        Assert.Equal((Proc, "10.70.0.1"), (lab.Checks[0].FromNamespace, lab.Checks[0].Address));
        Assert.Equal("10.70.0.2", lab.Checks[1].Address);
        Assert.Equal([$"web ({Proc})", "host"], lab.Checks.Select(c => c.FromShown));
    }

    [Fact]
    public void An_attached_node_may_hold_a_bridge()
    {
        var lab = new LabBuilder().Node("sw", netns: Proc).Bridge("br0", node: "sw").Valid();

        Assert.Equal(Proc, Assert.Single(lab.Desired.Resources.OfType<BridgeResource>()).Device.Namespace);
    }

    [Theory]
    [InlineData("/proc/self/ns/net")]
    [InlineData("/var/run/docker/netns/1a2b3c4d5e6f")]
    [InlineData("/run/netns/other")]
    public void A_namespace_path_is_taken_as_written(string path) =>
        Assert.Equal(path, Assert.Single(new LabBuilder().Node("n", netns: path).Valid().Desired.Attached).Ns);

    [Theory]
    [InlineData("relative/ns")]
    [InlineData("/")]
    [InlineData("/proc//1/ns/net")]
    [InlineData("/proc/./1/ns/net")]
    [InlineData("/proc/1/ns/net/")]
    [InlineData("/proc/1/ns/net work")]
    public void A_namespace_path_is_absolute_and_plain(string path) =>
        Assert.Equal(
            [$"nodes.n.netns: netns '{path}' must be the absolute path of a namespace file without '.', '..' or empty parts (e.g. /proc/PID/ns/net, /var/run/docker/netns/ID, /run/netns/NAME)"],
            new LabBuilder().Node("n", netns: path).Errors());

    [Fact]
    public void A_host_network_nodes_interface_clashes_with_the_hosts_own() =>
        Assert.Equal(
            ["links[1]: interface 'vr0' in host is already used by links[0]"],
            new LabBuilder().Nodes("a", "b").Node("monitor", network: "host")
                .Link("a:eth0", "host:vr0").Link("b:eth0", "monitor:vr0").Errors());
}

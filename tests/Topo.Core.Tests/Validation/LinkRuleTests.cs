using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class LinkRuleTests
{
    private static LabBuilder Lab() => new LabBuilder().Nodes("box1", "box2", "web").Bridge("docker0", subnet: "172.17.0.0/16");

    [Fact]
    public void An_endpoint_naming_no_node_lists_the_nodes() =>
        Assert.Equal(
            ["links[0]: endpoint 'box9:eth0' names no node (nodes: box1, box2, web)"],
            new LabBuilder().Nodes("box1", "box2", "web").Link("box9:eth0", "box1:eth0").Errors());

    [Fact]
    public void An_endpoint_naming_no_node_or_bridge_lists_both() =>
        Assert.Equal(
            ["links[0]: endpoint 'box9:eth0' names no node or bridge (nodes: box1, box2, web; bridges: docker0)"],
            Lab().Link("box9:eth0", "docker0").Errors());

    [Fact]
    public void A_bare_endpoint_must_be_a_bridge() =>
        Assert.Equal(
            ["links[0]: endpoint 'dokcer0' names no bridge (bridges: docker0; a node end needs ':IFNAME')"],
            Lab().Link("box1:eth0", "dokcer0").Errors());

    [Fact]
    public void A_node_endpoint_needs_an_interface() =>
        Assert.Equal(
            ["links[0]: endpoint 'box1' is a node without an interface name (e.g. 'box1:eth0')"],
            Lab().Link("box1", "docker0").Errors());

    [Fact]
    public void A_host_endpoint_needs_an_interface() =>
        Assert.Equal(
            ["links[0]: endpoint 'host' needs an interface name (e.g. 'host:veth0')"],
            Lab().Link("box1:eth0", "host").Errors());

    [Theory]
    [InlineData("box1:sixteen-chars-if", "is 16 bytes; the kernel takes at most 15 (IFNAMSIZ is 16 with the NUL)")]
    [InlineData("box1:", "is empty; an interface name is 1 to 15 bytes (e.g. 'eth0')")]
    [InlineData("box1:..", "is not allowed: '.' and '..' are not interface names (e.g. 'eth0')")]
    [InlineData("box1:e th0", "contains whitespace; an interface name has no '/', ':' or whitespace (e.g. 'eth0')")]
    [InlineData("box1:eth0:1", "contains ':'; an interface name has no '/', ':' or whitespace (e.g. 'eth0')")]
    [InlineData("box1:eth%d", "contains '%', which the kernel replaces with a number of its choosing ('br%d' becomes 'br0'); write the name in full (e.g. 'br0')")]
    [InlineData("box1:default", "is taken: /proc/sys/net/ipv4/conf/default holds the settings of new interfaces, not of an interface called 'default'; pick another name")]
    [InlineData("box1:abcdefghijkléé", "is 16 bytes in UTF-8 (14 characters); the kernel takes at most 15 (IFNAMSIZ is 16 with the NUL)")]
    public void An_endpoint_interface_follows_the_kernel_rules(string endpoint, string problem) =>
        Assert.Equal(
            [$"links[0]: endpoint '{endpoint}': interface name '{endpoint[5..]}' {problem}"],
            Lab().Link(endpoint, "docker0").Errors());

    [Theory]
    [InlineData("host:eth0\0", @"host:eth0\u0000", @"eth0\u0000", "contains the control character U+0000; remove it")]
    [InlineData("host:e\u200Dth0", @"host:e\u200Dth0", @"e\u200Dth0", "contains the invisible character U+200D (zero-width); remove it")]
    [InlineData("box1:eth0\u202A", @"box1:eth0\u202A", @"eth0\u202A", "contains the invisible character U+202A (a bidirectional-text control); remove it")]
    public void An_endpoint_interface_has_no_unseen_character(string endpoint, string shownEnd, string shownName, string problem) =>
        Assert.Equal(
            [$"links[0]: endpoint '{shownEnd}': interface name '{shownName}' {problem}"],
            Lab().Link(endpoint, "docker0").Errors());

    [Fact]
    public void A_link_has_two_endpoints() =>
        Assert.Equal(
            ["links[0]: a link joins exactly two endpoints, found 3 (e.g. [box1:eth0, docker0])"],
            Lab().LinkOf(["box1:eth0", "box2:eth0", "docker0"]).Errors());

    [Fact]
    public void Both_ends_in_one_namespace_need_different_names() =>
        Assert.Equal(
            ["links[0]: both ends are interface 'eth0' in box1: the two ends need different names"],
            Lab().Link("box1:eth0", "box1:eth0").Errors());

    [Fact]
    public void Both_ends_in_one_namespace_with_different_names_are_fine() =>
        Assert.Empty(Lab().Link("box1:a", "box1:b").Errors());

    [Fact]
    public void An_interface_name_is_used_once_per_namespace() =>
        Assert.Equal(
            ["links[1]: interface 'eth0' in box1 is already used by links[0]"],
            Lab().Link("box1:eth0", "docker0").Link("box1:eth0", "box2:eth1").Errors());

    [Fact]
    public void A_host_end_cannot_take_a_bridge_name() =>
        Assert.Equal(
            ["links[0]: interface 'docker0' in host is already used by bridges.docker0"],
            Lab().Link("box1:eth0", "host:docker0").Errors());

    [Fact]
    public void A_node_end_cannot_be_called_lo() =>
        Assert.Equal(
            ["links[0]: interface 'lo' in box1 is already used by the loopback"],
            Lab().Link("box1:lo", "docker0").Errors());

    [Fact]
    public void A_named_bridge_end_takes_its_name_in_the_bridge_namespace()
    {
        var lab = Lab().Link("box1:eth0", "docker0:vbox1").Valid();

        var veth = Assert.Single(lab.Desired.Resources.OfType<VethResource>());
        Assert.Equal(new LinkEnd(Netns.Host, "vbox1", Master: "docker0"), veth.A);
        Assert.Equal(new LinkEnd("box1", "eth0"), veth.B);
    }

    [Fact]
    public void A_veth_from_a_bridge_to_itself_is_a_loop() =>
        Assert.Equal(
            ["links[0]: both ends are on bridge 'docker0': a veth from a bridge to itself is a loop"],
            Lab().Link("docker0", "docker0:v1").Errors());

    [Fact]
    public void Two_bridges_of_one_namespace_cannot_be_joined() =>
        Assert.Equal(
            ["links[0]: bridges 'docker0' and 'br1' are both in host: a veth between bridges must join two namespaces (one bridge with 'node:')"],
            Lab().Bridge("br1").Link("docker0", "br1").Errors());

    [Fact]
    public void Two_bridges_in_different_namespaces_can_be_joined()
    {
        var lab = Lab().Bridge("inner", node: "box1").Link("docker0", "inner").Valid();

        var veth = Assert.Single(lab.Desired.Resources.OfType<VethResource>());
        Assert.Equal(("", "docker0"), (veth.A.Namespace, veth.A.Master));
        Assert.Equal(("box1", "inner"), (veth.B.Namespace, veth.B.Master));
        Assert.StartsWith("veth", veth.A.Name);
        Assert.StartsWith("veth", veth.B.Name);
    }

    [Fact]
    public void A_bridge_with_node_lives_in_that_node()
    {
        var lab = Lab().Bridge("inner", node: "box1").Link("box2:eth0", "inner").Valid();

        var bridge = lab.Desired.Resources.OfType<BridgeResource>().Single(b => b.Device.Name == "inner");
        Assert.Equal("box1", bridge.Device.Namespace);
        var veth = Assert.Single(lab.Desired.Resources.OfType<VethResource>());
        Assert.Contains(new[] { veth.A, veth.B }, e => e.Namespace == "box1" && e.Master == "inner");
    }

    [Fact]
    public void A_bridge_takes_at_most_1023_ports()
    {
        static LabBuilder Ports(int count)
        {
            var lab = new LabBuilder().Node("a").Bridge("br0");
            for (var i = 0; i < count; i++) lab.Link($"a:e{i}", "br0");
            return lab;
        }

        Assert.Equal(
            ["bridges.br0: bridge 'br0' has 1024 ports (links to it); the kernel takes at most 1023 on one bridge: spread the links over more bridges"],
            Ports(1024).Errors());
        Assert.Empty(Ports(1023).Errors());
    }
}

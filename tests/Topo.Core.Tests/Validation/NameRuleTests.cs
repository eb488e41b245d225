namespace Topo.Core.Tests.Validation;

public sealed class NameRuleTests
{
    [Theory]
    [InlineData("Dockerish")]
    [InlineData("1lab")]
    [InlineData("thirteen-char")]
    [InlineData("")]
    [InlineData("a_b")]
    public void A_lab_name_is_short_and_simple(string name) =>
        Assert.Equal(
            [$"lab: lab name '{name}' must match [a-z][a-z0-9-]* and be at most 12 characters (e.g. 'dockerish')"],
            new LabBuilder().Lab(name).Errors());

    [Fact]
    public void A_lab_name_of_twelve_characters_is_fine() =>
        Assert.Empty(new LabBuilder().Lab("twelve-chars").Errors());

    [Fact]
    public void Only_version_1_is_known() =>
        Assert.Equal(["version: version 2 is not supported (write version: 1)"], new LabBuilder().Version(2).Errors());

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a\0b")]
    [InlineData("Web")]
    [InlineData("web_1")]
    [InlineData("1web")]
    public void A_node_name_is_a_safe_file_name_of_the_simple_form(string name) =>
        Assert.Equal(
            [$"nodes.{name}: node name '{name}' must match [a-z][a-z0-9-]* and be at most 64 characters (e.g. 'box1')"],
            new LabBuilder().Node(name).Errors());

    [Fact]
    public void A_node_name_of_65_characters_is_too_long()
    {
        var name = new string('a', 65);
        Assert.Equal(
            [$"nodes.{name}: node name '{name}' must match [a-z][a-z0-9-]* and be at most 64 characters (e.g. 'box1')"],
            new LabBuilder().Node(name).Errors());
        Assert.Empty(new LabBuilder().Node(name[..64]).Errors());
    }

    [Fact]
    public void Host_is_not_a_node_name() =>
        Assert.Equal(
            ["nodes.host: 'host' is the root namespace and cannot be a node name (settings for it go under 'host:')"],
            new LabBuilder().Node("host").Errors());

    [Fact]
    public void A_node_is_defined_once() =>
        Assert.Equal(["nodes.box1: node 'box1' is defined twice"], new LabBuilder().Nodes("box1", "box1").Errors());

    [Theory]
    [InlineData("sixteen-chars-br")]
    [InlineData("br/0")]
    [InlineData("br 0")]
    [InlineData("br:0")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    public void A_bridge_name_follows_the_kernel_interface_rules(string name) =>
        Assert.Equal(
            [$"bridges.{name}: bridge name '{name}' must be 1 to 15 characters without '/', ':' or whitespace, and not '.' or '..'"],
            new LabBuilder().Bridge(name).Errors());

    [Fact]
    public void A_bridge_name_of_15_characters_is_fine() =>
        Assert.Empty(new LabBuilder().Bridge("fifteen-chars-b").Errors());

    [Fact]
    public void A_bridge_cannot_be_named_host() =>
        Assert.Equal(
            ["bridges.host: a bridge cannot be named 'host': endpoints 'host:IFNAME' mean the root namespace"],
            new LabBuilder().Bridge("host").Errors());

    [Fact]
    public void A_bridge_is_defined_once() =>
        Assert.Equal(["bridges.br0: bridge 'br0' is defined twice"], new LabBuilder().Bridge("br0").Bridge("br0").Errors());

    [Fact]
    public void A_node_and_a_bridge_cannot_share_a_name() =>
        Assert.Equal(
            ["bridges.web: bridge 'web' has the name of a node: endpoints 'web:IFNAME' would be ambiguous; rename one of them"],
            new LabBuilder().Node("web").Bridge("web").Errors());

    [Fact]
    public void A_bridge_node_must_name_a_node() =>
        Assert.Equal(
            ["bridges.br0.node: 'r9' names no node (nodes: box1, router)"],
            new LabBuilder().Nodes("box1", "router").Bridge("br0", node: "r9").Errors());

    [Fact]
    public void A_bridge_node_may_say_host_for_the_root_namespace()
    {
        var bridge = new LabBuilder().Bridge("br0", node: "host").Valid().Desired.Resources.OfType<Topo.Core.State.BridgeResource>().Single();
        Assert.Equal(Topo.Core.State.Netns.Host, bridge.Device.Namespace);
    }

    [Fact]
    public void A_bridge_cannot_be_named_like_a_loopback() =>
        Assert.Equal(["bridges.lo: interface 'lo' in host is already used by the loopback"], new LabBuilder().Bridge("lo").Errors());

    [Fact]
    public void A_bridge_in_a_node_cannot_take_a_name_a_link_uses_there() =>
        Assert.Equal(
            ["links[0]: interface 'br0' in router is already used by bridges.br0"],
            new LabBuilder().Node("router").Bridge("br0", node: "router").Link("router:br0", "host:vr0").Errors());
}

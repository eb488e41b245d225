using Topo.Core.Kinds;

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
    [InlineData("Web")]
    [InlineData("1web")]
    [InlineData("_web")]
    [InlineData(".web")]
    [InlineData("web 1")]
    [InlineData("web+1")]
    public void A_node_name_is_a_safe_file_name_of_the_simple_form(string name) =>
        Assert.Equal(
            [$"nodes.{name}: node name '{name}' must match [a-z][a-z0-9_.-]* and be at most 64 characters (e.g. 'box1', 'mybox1_docker0')"],
            new LabBuilder().Node(name).Errors());

    /// <summary>Docker's container names have '_' and '.' (<c>mybox1_docker0</c>, <c>web.1</c>); a lab rebuilt from them keeps them.</summary>
    [Theory]
    [InlineData("mybox1_docker0")]
    [InlineData("web.1")]
    [InlineData("a-b_c.d")]
    [InlineData("box..1")]
    public void A_node_name_may_have_docker_s_underscore_and_dot(string name) =>
        Assert.Empty(new LabBuilder().Bridge("docker0", subnet: "172.17.0.0/16").Node(name).Link($"{name}:eth0", "docker0").Errors());

    /// <summary>
    /// A node's name never goes into an interface name: the bridge-side end of the longest node name with '_' and '.'
    /// is still veth and 8 hex digits, the same in every run.
    /// </summary>
    [Fact]
    public void A_long_docker_like_node_name_gives_a_short_stable_interface_name()
    {
        var name = "my.box_" + new string('x', 57);
        LabBuilder Lab() => new LabBuilder().Bridge("docker0", subnet: "172.17.0.0/16").Node(name).Link($"{name}:eth0", "docker0");

        var ends = Lab().Valid().Desired.Resources.OfType<VethResource>().Select(v => v.A.Name == "eth0" ? v.B : v.A).ToList();
        var again = Lab().Valid().Desired.Resources.OfType<VethResource>().Select(v => v.A.Name == "eth0" ? v.B : v.A).ToList();

        var end = Assert.Single(ends);
        Assert.Matches("^veth[0-9a-f]{8}$", end.Name);
        Assert.Equal(again, ends);
    }

    [Fact]
    public void A_node_name_of_65_characters_is_too_long()
    {
        var name = new string('a', 65);
        Assert.Equal(
            [$"nodes.{name}: node name '{name}' must match [a-z][a-z0-9_.-]* and be at most 64 characters (e.g. 'box1', 'mybox1_docker0')"],
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
    [InlineData("sixteen-chars-br", "is 16 bytes; the kernel takes at most 15 (IFNAMSIZ is 16 with the NUL)")]
    [InlineData("br/0", "contains '/'; an interface name has no '/', ':' or whitespace (e.g. 'eth0')")]
    [InlineData("br 0", "contains whitespace; an interface name has no '/', ':' or whitespace (e.g. 'eth0')")]
    [InlineData("br:0", "contains ':'; an interface name has no '/', ':' or whitespace (e.g. 'eth0')")]
    [InlineData(".", "is not allowed: '.' and '..' are not interface names (e.g. 'eth0')")]
    [InlineData("..", "is not allowed: '.' and '..' are not interface names (e.g. 'eth0')")]
    [InlineData("", "is empty; an interface name is 1 to 15 bytes (e.g. 'eth0')")]
    public void A_bridge_name_follows_the_kernel_interface_rules(string name, string problem) =>
        Assert.Equal([$"bridges.{name}: bridge name '{name}' {problem}"], new LabBuilder().Bridge(name).Errors());

    /// <summary>IFNAMSIZ counts bytes: eight 'é' are 16 bytes, one more than the kernel takes.</summary>
    [Fact]
    public void A_bridge_name_is_measured_in_bytes_not_characters()
    {
        Assert.Equal(
            ["bridges.éééééééé: bridge name 'éééééééé' is 16 bytes in UTF-8 (8 characters); the kernel takes at most 15 (IFNAMSIZ is 16 with the NUL)"],
            new LabBuilder().Bridge("éééééééé").Errors());
        Assert.Empty(new LabBuilder().Bridge("ééééééé").Errors());
    }

    /// <summary>Names are written here with C# escapes; messages show the character as \uXXXX so it can be seen.</summary>
    [Theory]
    [InlineData("br\v0", @"br\u000B0", "contains the control character U+000B; remove it")]
    [InlineData("br\f0", @"br\u000C0", "contains the control character U+000C; remove it")]
    [InlineData("br0\0", @"br0\u0000", "contains the control character U+0000; remove it")]
    [InlineData("br0\u007F", @"br0\u007F", "contains the control character U+007F; remove it")]
    [InlineData("br\u200B0", @"br\u200B0", "contains the invisible character U+200B (zero-width); remove it")]
    [InlineData("br0\uFEFF", @"br0\uFEFF", "contains the invisible character U+FEFF (zero-width); remove it")]
    [InlineData("br\u200F0", @"br\u200F0", "contains the invisible character U+200F (a bidirectional-text control); remove it")]
    [InlineData("br\u202E0", @"br\u202E0", "contains the invisible character U+202E (a bidirectional-text control); remove it")]
    [InlineData("br\u20660", @"br\u20660", "contains the invisible character U+2066 (a bidirectional-text control); remove it")]
    public void A_bridge_name_has_no_control_or_invisible_character(string name, string shown, string problem) =>
        Assert.Equal([$"bridges.{shown}: bridge name '{shown}' {problem}"], new LabBuilder().Bridge(name).Errors());

    /// <summary>The kernel's isspace() is true for byte 0xA0, which UTF-8 puts in 'à' (C3 A0) and in U+00A0 (C2 A0).</summary>
    [Fact]
    public void A_bridge_name_has_no_byte_the_kernel_takes_for_a_space()
    {
        Assert.Equal(
            ["bridges.brà: bridge name 'brà' contains 'à', whose UTF-8 encoding has the byte 0xA0, which the kernel counts as whitespace; use ASCII letters, digits, '-' and '_'"],
            new LabBuilder().Bridge("brà").Errors());
        Assert.Equal(
            ["bridges.br\u00A00: bridge name 'br\u00A00' contains whitespace; an interface name has no '/', ':' or whitespace (e.g. 'eth0')"],
            new LabBuilder().Bridge("br\u00A00").Errors());
        Assert.Empty(new LabBuilder().Bridge("brá").Errors());
    }

    [Fact]
    public void A_bridge_name_with_a_percent_sign_would_be_renamed_by_the_kernel() =>
        Assert.Equal(
            ["bridges.br%d: bridge name 'br%d' contains '%', which the kernel replaces with a number of its choosing ('br%d' becomes 'br0'); write the name in full (e.g. 'br0')"],
            new LabBuilder().Bridge("br%d").Errors());

    [Theory]
    [InlineData("all", "all interfaces")]
    [InlineData("default", "new interfaces")]
    public void A_bridge_cannot_take_the_name_of_a_conf_directory(string name, string whose) =>
        Assert.Equal(
            [$"bridges.{name}: bridge name '{name}' is taken: /proc/sys/net/ipv4/conf/{name} holds the settings of {whose}, not of an interface called '{name}'; pick another name"],
            new LabBuilder().Bridge(name).Errors());

    [Theory]
    [InlineData("bo\u200Bx1", @"bo\u200Bx1", "contains the invisible character U+200B (zero-width); remove it")]
    [InlineData("box1\0", @"box1\u0000", "contains the control character U+0000; remove it")]
    [InlineData("box1\u2069", @"box1\u2069", "contains the invisible character U+2069 (a bidirectional-text control); remove it")]
    public void A_node_name_with_an_unseen_character_says_which(string name, string shown, string problem) =>
        Assert.Equal([$"nodes.{shown}: node name '{shown}' {problem}"], new LabBuilder().Node(name).Errors());

    [Fact]
    public void A_lab_name_with_an_unseen_character_says_which() =>
        Assert.Equal(
            [@"lab: lab name 'de\u200Dmo' contains the invisible character U+200D (zero-width); remove it"],
            new LabBuilder().Lab("de\u200Dmo").Errors());

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
        var bridge = new LabBuilder().Bridge("br0", node: "host").Valid().Desired.Resources.OfType<Topo.Core.Kinds.BridgeResource>().Single();
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

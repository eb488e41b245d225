using Topo.Core.Capture;
using Topo.Core.State;

namespace Topo.Core.Tests.Capture;

public sealed class CaptureTargetTests
{
    private const string Text = """
        version: 1
        lab: cap
        bridges:
          br0: {subnet: 10.70.0.0/24}
          inner: {node: rt, subnet: 10.71.0.0/24}
        nodes:
          web: {}
          cli: {}
          rt: {}
          mon: {network: host}
        links:
          - [web:eth0, br0]
          - endpoints: [cli:eth0, host:cli0]
            addresses: {cli:eth0: 10.72.0.2/24, host:cli0: 10.72.0.1/24}
        """;

    private static LabState Desired() => LabLoader.LoadText("cap.yaml", Text).Lab!.Desired;

    [Theory]
    [InlineData("web:eth0", "web", "eth0")]
    [InlineData("web:lo", "web", "lo")]
    [InlineData("host:cli0", "", "cli0")]
    [InlineData("br0", "", "br0")]
    [InlineData("inner", "rt", "inner")]
    public void A_node_interface_a_host_end_or_a_bridge_is_found_in_its_namespace(string text, string ns, string name)
    {
        var (target, error) = CaptureTargets.Resolve(Desired(), text);

        Assert.Null(error);
        Assert.Equal((Netns.Of(ns), name), (target!.Ns, target.Interface));
    }

    [Fact]
    public void A_bridge_in_a_node_is_shown_with_its_node() =>
        Assert.Equal("rt:inner", CaptureTargets.Resolve(Desired(), "inner").Target!.Shown);

    [Fact]
    public void A_node_on_the_host_network_captures_in_the_host() =>
        Assert.Equal(Netns.Host, CaptureTargets.Resolve(Desired(), "mon:cli0").Target!.Ns);

    [Fact]
    public void An_unknown_node_is_told_with_the_nodes_there_are() =>
        Assert.Equal("lab 'cap' has no node 'wbe'; nodes: cli, mon, rt, web, or host:IF, or a bridge: br0, inner", CaptureTargets.Resolve(Desired(), "wbe:eth0").Error);

    [Fact]
    public void An_unknown_interface_is_told_with_the_nodes_interfaces_and_where_their_cables_end() =>
        Assert.Matches(@"^node 'web' has no interface named 'eth1'; its interfaces: eth0 \(peer of host:veth\w+\), lo$", CaptureTargets.Resolve(Desired(), "web:eth1").Error);

    [Fact]
    public void An_unknown_host_interface_lists_the_labs_with_the_cable_a_generated_name_is()
    {
        var error = CaptureTargets.Resolve(Desired(), "host:eth9").Error!;

        Assert.StartsWith("the host has no interface of the lab named 'eth9'; the lab's interfaces: br0, cli0 (peer of cli:eth0), ", error);
        Assert.Matches(@"veth\w+ \(peer of web:eth0\)$", error);
    }

    [Fact]
    public void A_node_without_an_interface_or_an_unknown_bridge_says_what_to_write()
    {
        Assert.Equal("'web' is a node: name one of its interfaces (web:IF); bridges: br0, inner; or NODE:IF, nodes: cli, mon, rt, web", CaptureTargets.Resolve(Desired(), "web").Error);
        Assert.StartsWith("lab 'cap' has no bridge 'br1'; ", CaptureTargets.Resolve(Desired(), "br1").Error);
    }
}

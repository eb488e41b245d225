using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Tests.Kinds;

/// <summary>What a vxlan link becomes: its resource with the tunnel's settings, its explain commands and its line in the graph.</summary>
public class VxlanKindTests
{
    private const string Text = """
        version: 1
        lab: vxl
        nodes: {box1: {}}
        links:
          - {type: vxlan, endpoint: box1:vx0, vni: 42, remote: "2001:0db8:0::2", addresses: {box1:vx0: 10.42.0.1/24}}
        """;

    private static LabState Desired() => LabLoader.LoadText("vxl.yaml", Text).Lab!.Desired;

    [Fact]
    public void A_vxlan_link_is_a_device_made_in_the_host_with_the_default_port_and_its_address_canonical()
    {
        var vxlan = Assert.Single(Desired().Resources.OfType<VxlanResource>());
        Assert.Equal(new LinkEnd("box1", "vx0"), vxlan.Device);
        Assert.Equal((Netns.Host, 42, "2001:db8::2", (string?)null, 4789), (vxlan.Underlay, vxlan.Vni, vxlan.Remote, vxlan.Local, vxlan.Port));
        Assert.Contains(new ResourceKey(ResourceKind.Namespace, Netns.Host, "box1"), vxlan.Dependencies);
        Assert.Contains(Desired().Resources.OfType<AddressResource>(), a => a.Device == "vx0" && a.Cidr == "10.42.0.1/24");
    }

    [Fact]
    public void Explain_makes_it_in_the_host_places_it_in_its_node_and_marks_it_there()
    {
        var vxlan = Desired().Resources.OfType<VxlanResource>().Single();
        var commands = StepCommands.Of(new Change(ChangeAction.Create, null, vxlan, []), "vxl");
        Assert.Equal(
            [
                "ip link add vx0 netns box1 type vxlan id 42 remote 2001:db8::2 dstport 4789",
                "ip -n box1 link set vx0 alias topo:vxl",
                "ip -n box1 link set vx0 up",
            ],
            commands.ToArray());
    }

    [Fact]
    public void The_graph_shows_the_tunnel_in_its_node()
    {
        var text = MermaidWriter.Write(LabGraphBuilder.Of(Desired()));
        Assert.Contains("vx0: vxlan id 42 remote 2001:db8::2 dstport 4789", text);
    }
}

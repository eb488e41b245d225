using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Tests.Schema;
using Topo.Testing;
using static Topo.Core.Tests.Planning.DockerishLab;

namespace Topo.Core.Tests.Graph;

public sealed class GraphGoldenTests
{
    private static LabGraph Dockerish() =>
        LabGraphBuilder.Of(LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, "dockerish.yaml")).Lab!.Desired);

    [Fact]
    public void The_dockerish_example_as_mermaid()
    {
        var text = MermaidWriter.Write(Dockerish());

        Assert.StartsWith("%% lab dockerish, drawn by topo graph\nflowchart LR\n", text);
        Assert.Contains("    n0[[\"host<br/>net.ipv4.ip_forward=1\"]]\n", text);
        Assert.DoesNotContain("classDef", text);
        Golden.Match("dockerish-mermaid", text);
    }

    [Fact]
    public void The_dockerish_example_as_dot()
    {
        var text = DotWriter.Write(Dockerish());

        Assert.StartsWith("// lab dockerish, drawn by topo graph\ngraph \"topo-dockerish\" {\n", text);
        Assert.DoesNotContain("color=", text);
        Golden.Match("dockerish-dot", text);
    }

    [Fact]
    public void The_picture_has_the_nodes_bridges_links_nat_and_ports_of_the_file()
    {
        var graph = Dockerish();
        string Id(string title) => Assert.Single(graph.Nodes, n => n.Title == title).Id;

        Assert.Equal(["host", "box1", "box2", "pbox1", "pca", "router", "web", "bridge docker0", "bridge personal"], graph.Nodes.Select(n => n.Title));
        Assert.Contains(graph.Edges, e => e.Kind == GraphEdgeKind.BridgeIn && e.From == Id("host") && e.To == Id("bridge docker0") && e.Label == "masquerade");
        Assert.Contains(graph.Edges, e => e.Kind == GraphEdgeKind.Veth && e.From == Id("bridge docker0") && e.To == Id("box1") && e.HeadLabel == "eth0\n172.17.0.2/16");
        Assert.Contains(graph.Edges, e => e.Kind == GraphEdgeKind.Veth && e.From == Id("host") && e.To == Id("router") && e.TailLabel == "vr1\n10.100.0.2/24");
        Assert.Equal("8080/tcp → 172.17.0.4:80", Assert.Single(graph.Edges, e => e.Kind == GraphEdgeKind.Port && e.From == Id("host") && e.To == Id("web")).Label);
        Assert.Single(graph.Edges, e => e.Kind == GraphEdgeKind.Isolation);
        Assert.All(graph.Nodes, n => Assert.Equal(ObjectState.InSync, n.State));
    }

    [Fact]
    public void A_live_graph_marks_what_is_missing_different_and_extra()
    {
        var stray = new NamespaceResource("stray");
        var actual = new LabState(Lab,
        [
            .. Applied.Resources.Where(r => r.Key != Veth2.Key && r.Key != Box2Address.Key && r.Key != Box1Address.Key),
            Owned(new AddressResource("box1", "eth0", "172.17.0.99/16")),
            Owned(stray),
        ]);
        var report = StatusReport.Of(Desired, Planner.Plan(Desired, actual));

        var graph = LabGraphBuilder.Live(report);

        Assert.Equal(ObjectState.Extra, Assert.Single(graph.Nodes, n => n.Title == "stray (extra)").State);
        Assert.Equal(ObjectState.InSync, Assert.Single(graph.Nodes, n => n.Title == "host").State);
        var veth2 = Assert.Single(graph.Edges, e => e.TailLabel == "vethbox2");
        Assert.Equal(ObjectState.Missing, veth2.State);
        var veth1 = Assert.Single(graph.Edges, e => e.TailLabel == "vethbox1");
        Assert.Equal(ObjectState.Different, veth1.State);
        Assert.Equal("eth0\n172.17.0.2/16 (missing)\n172.17.0.99/16 (extra)", veth1.HeadLabel);
        Golden.Match("live-mermaid", MermaidWriter.Write(graph));
        Golden.Match("live-dot", DotWriter.Write(graph));
    }

    [Fact]
    public void Labels_cannot_break_out_of_their_quotes()
    {
        var graph = new LabGraph("q", false, [new GraphNode("n0", GraphNodeKind.Namespace, "a\"b<c>", [], ObjectState.InSync)], []);

        Assert.Contains("n0(\"a#quot;b#lt;c#gt;\")", MermaidWriter.Write(graph));
        Assert.Contains("n0 [label=\"a\\\"b<c>\"", DotWriter.Write(graph));
    }

    [Fact]
    public void A_node_on_the_host_network_is_drawn_as_the_host_with_its_name()
    {
        var graph = LabGraphBuilder.Of(LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, "06-host-network.yaml")).Lab!.Desired);
        string Id(string title) => Assert.Single(graph.Nodes, n => n.Title == title).Id;

        Assert.Equal(GraphNodeKind.Host, Assert.Single(graph.Nodes, n => n.Title == "monitor (host)").Kind);
        Assert.DoesNotContain(graph.Nodes, n => n.Title is "monitor" or "host");
        Assert.Contains(graph.Edges, e => e.Kind == GraphEdgeKind.Veth && e.From == Id("monitor (host)") && e.To == Id("probe") && e.TailLabel == "tap0\n10.62.0.1/24");
    }

    private const string AttachedLab = """
        version: 1
        lab: att
        bridges:
          br-att: {subnet: 10.70.0.0/24}
        nodes:
          web: {netns: /proc/4242/ns/net}
        links:
          - [web:eth0, br-att]
        """;

    [Fact]
    public void A_host_bridge_whose_lines_all_go_to_nodes_still_hangs_off_the_host()
    {
        var graph = LabGraphBuilder.Of(LabLoader.LoadText("att.yaml", AttachedLab).Lab!.Desired);
        string Id(string title) => Assert.Single(graph.Nodes, n => n.Title == title).Id;

        Assert.Contains(graph.Edges, e => e.Kind == GraphEdgeKind.BridgeIn && e.From == Id("host") && e.To == Id("bridge br-att"));
        Assert.Contains(graph.Edges, e => e.Kind == GraphEdgeKind.Veth && e.From == Id("bridge br-att") && e.To == Id("web (/proc/4242/ns/net)"));
    }
}

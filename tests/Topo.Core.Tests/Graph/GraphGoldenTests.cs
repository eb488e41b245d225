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

    private static LabGraph Overlay() =>
        LabGraphBuilder.Of(LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, "08-overlay.yaml")).Lab!);

    [Fact]
    public void The_overlay_example_as_mermaid_has_a_subgraph_per_host()
    {
        var text = MermaidWriter.Write(Overlay());

        Assert.Contains("    subgraph g0[\"h1 (underlay 192.0.2.11)\"]\n", text);
        Assert.Contains("    subgraph g1[\"h2 (underlay 192.0.2.12)\"]\n", text);
        Golden.Match("overlay-mermaid", text);
    }

    [Fact]
    public void The_overlay_example_as_dot_has_a_cluster_per_host()
    {
        var text = DotWriter.Write(Overlay());

        Assert.Contains("    subgraph cluster_g0 {\n        label=\"h1 (underlay 192.0.2.11)\";\n", text);
        Assert.Contains("    subgraph cluster_g1 {\n        label=\"h2 (underlay 192.0.2.12)\";\n", text);
        Golden.Match("overlay-dot", text);
    }

    [Fact]
    public void Each_host_holds_its_own_share_and_the_tunnels_join_the_groups()
    {
        var graph = Overlay();
        var group = graph.Groups.ToDictionary(g => g.Title.Split(' ')[0], g => g.NodeIds);
        string Id(string host, string title) => Assert.Single(graph.Nodes, n => n.Title == title && group[host].Contains(n.Id)).Id;

        Assert.Equal(["h1", "h2"], graph.Groups.Select(g => g.Title.Split(' ')[0]));
        Assert.Equal(graph.Nodes.Select(n => n.Id), graph.Groups.SelectMany(g => g.NodeIds));
        Assert.Equal(["host", "c1", "web", "bridge br1", "bridge ov0"], graph.Nodes.Where(n => group["h1"].Contains(n.Id)).Select(n => n.Title));
        Assert.Equal(["host", "c2", "bridge ov0"], graph.Nodes.Where(n => group["h2"].Contains(n.Id)).Select(n => n.Title));
        var tunnels = graph.Edges.Where(e => e.Kind == GraphEdgeKind.Tunnel).ToList();
        Assert.Equal(2, tunnels.Count);
        var overlay = Assert.Single(tunnels, t => t.From == Id("h1", "bridge ov0") && t.To == Id("h2", "bridge ov0"));
        var link = Assert.Single(tunnels, t => t.From == Id("h1", "c1") && t.To == Id("h2", "c2"));
        Assert.NotEqual(overlay.Label, link.Label);
        Assert.Matches("^vxlan [0-9]+$", overlay.Label);
        Assert.Matches("^vxlan [0-9]+$", link.Label);
        Assert.Equal("eth1\n10.9.9.1/30", link.TailLabel);
        Assert.Equal("eth1\n10.9.9.2/30", link.HeadLabel);
    }

    [Fact]
    public void One_hosts_share_is_drawn_as_a_lab_of_one_machine()
    {
        var lab = LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, "08-overlay.yaml")).Lab!.On("h2");

        var graph = LabGraphBuilder.Of(lab);

        Assert.Empty(graph.Groups);
        Assert.DoesNotContain(graph.Edges, e => e.Kind == GraphEdgeKind.Tunnel);
        Assert.Equal(["host", "c2", "bridge ov0"], graph.Nodes.Select(n => n.Title));
        Assert.DoesNotContain("subgraph", MermaidWriter.Write(graph));
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

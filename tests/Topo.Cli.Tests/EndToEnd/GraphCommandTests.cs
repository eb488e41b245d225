using Topo.Cli.Commands;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary><c>topo graph</c>: the file as Mermaid, DOT or SVG; <c>--live</c> marks the kernel's drift.</summary>
[Collection(LabCollection.Name)]
public sealed class GraphCommandTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [Fact]
    public void Mermaid_is_the_default_and_needs_no_kernel()
    {
        var run = CliRun.Of("graph", LabRun.Example("dockerish.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("%% lab dockerish, drawn by topo graph\nflowchart LR\n", run.Out);
        Assert.Contains("==>|\"8080/tcp → 172.17.0.4:80\"|", run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void Dot_is_written_by_topo()
    {
        var run = CliRun.Of("graph", "--format", "dot", LabRun.Example("02-bridge.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("graph \"topo-bridge\" {\n", run.Out);
        Assert.Contains("[label=\"bridge br00\\n10.100.0.1/16\", shape=hexagon];", run.Out);
        Assert.EndsWith("}\n", run.Out);
    }

    [Fact]
    public void Svg_is_drawn_by_graphviz_or_the_package_to_install_is_named()
    {
        var run = CliRun.Of("graph", "--format", "svg", LabRun.Example("02-bridge.yaml"));

        if (GraphCommand.FindDot() is null)
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Equal("topo graph --format svg needs Graphviz's dot: apt-get install graphviz\n", run.Error);
            Assert.Equal("", run.Out);
        }
        else
        {
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("<svg", run.Out);
        }
    }

    [Fact]
    public void An_unknown_format_is_refused()
    {
        Assert.NotEqual(0, CliRun.Of("graph", "--format", "png", LabRun.Example("02-bridge.yaml")).ExitCode);
    }

    [Fact]
    public void A_lab_of_several_hosts_is_drawn_whole_with_a_group_per_host()
    {
        var mermaid = CliRun.Of("graph", LabRun.Example("08-overlay.yaml"));
        var dot = CliRun.Of("graph", "--format", "dot", LabRun.Example("08-overlay.yaml"));

        Assert.Equal(0, mermaid.ExitCode);
        Assert.Equal("", mermaid.Error);
        Assert.Contains("    subgraph g0[\"h1 (underlay 192.0.2.11)\"]\n", mermaid.Out);
        Assert.Contains("    subgraph g1[\"h2 (underlay 192.0.2.12)\"]\n", mermaid.Out);
        Assert.Contains(" ===|\"vxlan ", mermaid.Out);
        Assert.Equal(0, dot.ExitCode);
        Assert.Contains("    subgraph cluster_g0 {\n", dot.Out);
        Assert.Contains("    subgraph cluster_g1 {\n", dot.Out);
    }

    [Fact]
    public void With_host_graph_draws_that_machines_share_alone()
    {
        var run = CliRun.Of("graph", "--host", "h2", LabRun.Example("08-overlay.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("subgraph", run.Out);
        Assert.Contains("(\"c2", run.Out);
        Assert.DoesNotContain("c1", run.Out);
    }

    [Fact]
    public void Live_on_a_lab_of_several_hosts_needs_the_host_named()
    {
        var run = CliRun.Of("graph", "--live", LabRun.Example("08-overlay.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Equal("topo: graph --live reads this machine's kernel only: lab 'overlay' spans hosts h1, h2; name the one this machine is with --host NAME, or leave out --live to draw every host\n", run.Error);
    }

    [KernelFact]
    public void Live_marks_nothing_in_sync_and_a_link_deleted_by_hand_as_missing()
    {
        var file = LabRun.Example("02-bridge.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var inSync = _run.Topo("graph", "--live", file);
        KernelSandbox.Run("ip", "-n", "ns1", "link", "del", "eth0");
        var drifted = _run.Topo("graph", "--live", "--format", "dot", file);

        Assert.Equal(0, inSync.ExitCode);
        Assert.DoesNotContain("linkStyle", inSync.Out);
        Assert.DoesNotContain("(missing)", inSync.Out);
        Assert.Equal(0, drifted.ExitCode);
        Assert.Contains("headlabel=\"eth0\\n10.100.0.2/16 (missing)\"", drifted.Out);
        Assert.Contains("color=\"#d62728\", fontcolor=\"#d62728\", style=\"dashed\"", drifted.Out);
    }
}

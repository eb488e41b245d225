using System.Text.Json;
using Topo.Linux.Execute;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>topo trace</c> on the Docker lab, one test per way a packet's story ends: what the kernel did is the
/// witness (the events nf_tables sent, its route lookups and neighbour entries), and ping/nft confirm
/// the answers where they can.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class TraceTests : IDisposable
{
    private const int Killed = 137;
    private readonly LabRun _run = new();
    private readonly string _file = LabRun.Example("dockerish.yaml");

    public TraceTests() => Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);

    public void Dispose() => _run.Dispose();

    private CliRun Trace(params string[] args) => _run.Topo(["trace", _file, .. args]);

    [KernelFact]
    public void A_ping_across_the_bridge_is_delivered_and_the_crossing_is_named()
    {
        var trace = Trace("box1", "box2");

        Assert.True(trace.ExitCode == 0, trace.Out + trace.Error);
        Assert.StartsWith("trace icmp from box1 to box2 (172.17.0.", trace.Out);
        Assert.Contains("\n1. box1 (sent here)\n   route   dev eth0\n   out by  eth0\n", trace.Out);
        Assert.Contains("   crossed bridge docker0 in host, out by port ", trace.Out);
        Assert.EndsWith("\ndelivered to box2:eth0\n", trace.Out);
        Assert.True(_run.Pings("box1", IpOf("box2")), "ping disagrees: box1 does not reach box2");
    }

    [KernelFact]
    public void A_ping_to_an_isolated_bridge_is_dropped_by_the_isolation_rule_and_its_line_is_named()
    {
        var trace = Trace("box1", "pbox1");

        Assert.Equal(1, trace.ExitCode);
        Assert.Contains("   route   dev personal\n", trace.Out);
        Assert.EndsWith("\ndropped in host by forward rule `iifname \"docker0\" oifname \"personal\" drop` (isolation of bridge personal, lab file line 32)\n", trace.Out);
        Assert.False(_run.Pings("box1", IpOf("pbox1")), "ping disagrees: box1 reaches pbox1");
    }

    [KernelFact]
    public void A_connection_to_a_published_port_shows_its_translation()
    {
        var trace = Trace("pca", "host:8080");

        Assert.True(trace.ExitCode == 0, trace.Out + trace.Error);
        Assert.Contains("trace tcp from pca to host:8080 (10.200.0.1:8080)\n", trace.Out);
        Assert.Contains("dnat to 172.17.0.", trace.Out);
        Assert.Contains("(ports web 8080:80/tcp, lab file line 39)", trace.Out);
        Assert.Contains("   nat     DNAT 10.200.0.1:8080 -> 172.17.0.", trace.Out);
        Assert.EndsWith("\ndelivered to web:eth0\n", trace.Out);
    }

    [KernelFact]
    public void Traffic_leaving_the_bridge_is_masqueraded_to_the_host_address()
    {
        var trace = Trace("box1", "10.100.0.1", "--output", "json");

        Assert.True(trace.ExitCode == 0, trace.Out + trace.Error);
        using var json = JsonDocument.Parse(trace.Out);
        var root = json.RootElement;
        Assert.Equal("delivered", root.GetProperty("outcome").GetString());
        var host = root.GetProperty("hops").EnumerateArray().Single(h => h.GetProperty("namespace").GetString() == "host");
        Assert.Equal($"SNAT {IpOf("box1")} -> 10.100.0.2", host.GetProperty("nat")[0].GetString());
        Assert.Contains(host.GetProperty("rules").EnumerateArray(), r => r.GetProperty("origin").GetString() == "masquerade of bridge docker0, lab file line 27");
        Assert.Equal("vr1", host.GetProperty("out").GetString());
        Assert.Equal("router:eth1", root.GetProperty("answer").GetString()!["delivered to ".Length..]);
    }

    [KernelFact]
    public void An_address_with_no_route_stops_in_the_first_namespace_with_the_kernels_words()
    {
        var trace = Trace("router", "10.250.0.1");

        Assert.Equal(1, trace.ExitCode);
        Assert.EndsWith("\nno route to 10.250.0.1 in router (Network is unreachable)\n", trace.Out);
        var witness = Assert.Throws<InvalidOperationException>(() => _run.Sandbox.Witness("ip", "-n", "router", "route", "get", "10.250.0.1"));
        Assert.Contains("Network is unreachable", witness.Message);
    }

    [KernelFact]
    public void An_address_nobody_holds_on_the_bridge_has_no_neighbour()
    {
        var trace = Trace("box1", "172.17.0.200");

        Assert.Equal(1, trace.ExitCode);
        Assert.EndsWith("\nno neighbour: nothing answered for 172.17.0.200 on eth0 in box1 (neighbour entry incomplete)\n", trace.Out);
    }

    [KernelFact]
    public void The_trace_tables_are_gone_afterwards_even_when_the_trace_is_killed()
    {
        Assert.Equal(0, Trace("box1", "box2").ExitCode);
        Assert.DoesNotContain("topo-trace", _run.Sandbox.Witness("nft", "list", "tables"));
        Assert.DoesNotContain("topo-trace", _run.Sandbox.Witness("ip", "netns", "exec", "box1", "nft", "list", "tables"));

        var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.TraceVariable] = "1" }, "trace", _file, "box1", "box2");

        Assert.True(Killed == killed.ExitCode, $"exit {killed.ExitCode}\n{killed.Error}");
        Assert.DoesNotContain("topo-trace", _run.Sandbox.Witness("nft", "list", "tables"));
        foreach (var node in new[] { "box1", "box2", "web", "router" })
            Assert.DoesNotContain("topo-trace", _run.Sandbox.Witness("ip", "netns", "exec", node, "nft", "list", "tables"));
        Assert.Equal(0, Trace("box1", "box2").ExitCode);
    }

    [KernelFact]
    public void A_name_that_is_no_node_is_refused_before_anything_is_sent()
    {
        var trace = Trace("box9", "box2");

        Assert.Equal(1, trace.ExitCode);
        Assert.StartsWith("topo trace: FROM: ", trace.Error);
        Assert.Contains("box9", trace.Error);
        Assert.Equal("", trace.Out);
    }

    private string IpOf(string node)
    {
        var json = _run.Sandbox.Witness("ip", "-n", node, "-j", "-4", "addr", "show", "dev", "eth0");
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement[0].GetProperty("addr_info")[0].GetProperty("local").GetString()!;
    }
}

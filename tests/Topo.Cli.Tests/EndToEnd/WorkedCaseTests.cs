using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>The spec's worked cases and the Docker-like lab, applied and proven with real packets, then taken down.</summary>
[Collection(LabCollection.Name)]
public sealed class WorkedCaseTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public async Task Case_1_two_namespaces_on_a_veth_pair_reach_each_other()
    {
        var file = LabRun.Example("01-veth-pair.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.True(_run.Pings("ns1", "10.100.0.2"));
        Assert.True(_run.Pings("ns2", "10.100.0.1"));

        using (var ns1 = _run.Node("ns1"))
        using (var ns2 = _run.Node("ns2"))
        {
            await using var one = new Greeter(ns1, "ns1", 7001);
            await using var two = new Greeter(ns2, "ns2", 7002);
            Assert.Equal("ns2 saw 10.100.0.1", await TcpProbe.Greeting(ns1, "10.100.0.2", 7002));
            Assert.Equal("ns1 saw 10.100.0.2", await TcpProbe.Greeting(ns2, "10.100.0.1", 7001));
        }

        AssertDown(file, "ns1", "ns2");
    }

    [KernelFact]
    public async Task Case_2_two_namespaces_on_a_bridge_reach_each_other_and_the_bridge()
    {
        var file = LabRun.Example("02-bridge.yaml");
        Assert.Equal("0", _run.Sandbox.Witness("cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.True(_run.Pings("ns1", "10.100.0.3"));
        Assert.True(_run.Pings("ns2", "10.100.0.2"));
        Assert.True(_run.Pings("ns1", "10.100.0.1"));
        Assert.True(_run.Pings("ns2", "10.100.0.1"));

        using (var ns1 = _run.Node("ns1"))
        using (var ns2 = _run.Node("ns2"))
        {
            await using var two = new Greeter(ns2, "ns2", 7002);
            await using var gateway = new Greeter(_run.Sandbox.Host, "host", 7000);
            Assert.Equal("ns2 saw 10.100.0.2", await TcpProbe.Greeting(ns1, "10.100.0.3", 7002));
            Assert.Equal("host saw 10.100.0.2", await TcpProbe.Greeting(ns1, "10.100.0.1", 7000));
            Assert.Equal("host saw 10.100.0.3", await TcpProbe.Greeting(ns2, "10.100.0.1", 7000));
        }

        Assert.Equal("1", _run.Sandbox.Witness("cat", "/proc/sys/net/ipv4/ip_forward").Trim());
        AssertDown(file, "ns1", "ns2");
        Assert.Equal("0", _run.Sandbox.Witness("cat", "/proc/sys/net/ipv4/ip_forward").Trim());
    }

    [KernelFact]
    public async Task Case_3_the_host_reaches_a_namespace_over_a_veth_pair()
    {
        var file = LabRun.Example("03-host-veth.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.True(_run.Pings(null, "10.0.0.2"));
        Assert.True(_run.Pings("ns1", "10.0.0.1"));

        using (var ns1 = _run.Node("ns1"))
        {
            await using var greeter = new Greeter(ns1, "ns1", 7001);
            Assert.Equal("ns1 saw 10.0.0.1", await TcpProbe.Greeting(_run.Sandbox.Host, "10.0.0.2", 7001));
        }

        AssertDown(file, "ns1");
    }

    [KernelFact]
    public async Task Case_4_the_docker_like_lab_bridges_isolates_and_publishes_a_port()
    {
        var file = LabRun.Example("dockerish.yaml");
        var applied = _run.Topo("apply", file, "-q");
        Assert.True(applied.ExitCode == 0, applied.Error);
        Assert.True(_run.Pings("box1", "172.17.0.3"));
        Assert.True(_run.Pings("box1", "172.17.0.1"));
        Assert.False(_run.Pings("box1", "172.21.240.1"));
        Assert.True(_run.Pings("pca", "10.200.0.1"));

        using (var box1 = _run.Node("box1"))
        using (var box2 = _run.Node("box2"))
        using (var pbox1 = _run.Node("pbox1"))
        using (var web = _run.Node("web"))
        using (var pca = _run.Node("pca"))
        {
            await using var b2 = new Greeter(box2, "box2", 7002);
            await using var p1 = new Greeter(pbox1, "pbox1", 7003);
            await using var www = new Greeter(web, "web", 80);

            Assert.Equal("box2 saw 172.17.0.2", await TcpProbe.Greeting(box1, "172.17.0.3", 7002));
            Assert.Null(await TcpProbe.Greeting(box1, "172.21.240.1", 7003, TimeSpan.FromMilliseconds(500)));
            Assert.Equal("web saw 10.200.0.2", await TcpProbe.Greeting(pca, "10.200.0.1", 8080));
            Assert.StartsWith("web saw ", await TcpProbe.Greeting(_run.Sandbox.Host, "172.17.0.1", 8080));
            Assert.Equal("web saw 172.17.0.1", await TcpProbe.Greeting(box2, "172.17.0.1", 8080));
            Assert.Equal("web saw 172.17.0.1", await TcpProbe.Greeting(web, "172.17.0.1", 8080));
        }

        AssertDown(file, "box1", "box2", "pbox1", "web", "router", "pca");
        Assert.Equal("", _run.Sandbox.Witness("nft", "list", "tables").Trim());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
    }

    private void AssertDown(string file, params string[] namespaces)
    {
        var down = _run.Topo("down", file, "-q");
        Assert.Equal(0, down.ExitCode);
        Assert.Contains("Down complete", down.Out);
        foreach (var ns in namespaces) Assert.DoesNotContain(ns, _run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
        var again = _run.Topo("down", file);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("nothing to delete", again.Out);
    }
}

using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>A lab over three machines through the fan-out: reach by ping and TCP, isolation between segments, and a clean down.</summary>
[Collection(LabCollection.Name)]
public sealed class MultiHostTests : IDisposable
{
    private readonly MultiHostWorld _world = new();

    public void Dispose() => _world.Dispose();

    [KernelFact]
    public async Task Three_machines_reach_over_both_segments_and_the_link_and_come_down_clean()
    {
        var apply = _world.Topo("apply", _world.File, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("apply on 3 hosts: all succeeded.", apply.Out);
        Assert.Equal("a1", _world.Netns("h1").Split(' ')[0]);
        Assert.Equal(["vxov0", "vxov1"], _world.OverlayLinks("h2").Where(n => n.StartsWith("vx", StringComparison.Ordinal)).Order());
        Assert.Equal(["ov0", "vxov0"], _world.OverlayLinks("h1").Order());

        Assert.True(_world.Pings("a1", "10.0.9.4"), "a1 on h1 reaches a3 on h3 over ov0");
        Assert.True(_world.Pings("a3", "10.0.9.3"), "a3 on h3 reaches a2 on h2 over ov0");
        Assert.True(_world.Pings("b2", "10.0.19.3"), "b2 on h2 reaches b3 on h3 over ov1");
        Assert.True(_world.Pings("a1", "10.9.9.2"), "a1 reaches a3 over the link between machines");
        Assert.False(_world.Pings("b3", "10.0.9.2"), "b3 is on ov1 alone: another VNI, no route to ov0");

        using (var a3 = _world.Node("a3"))
        using (var b3 = _world.Node("b3"))
        using (var a1 = _world.Node("a1"))
        {
            await using var overlay = new Greeter(a3, "a3", 7001);
            await using var isolated = new Greeter(b3, "b3", 7002);
            Assert.Equal("a3 saw 10.0.9.2", await TcpProbe.Greeting(a1, "10.0.9.4", 7001));
            Assert.Equal("a3 saw 10.9.9.1", await TcpProbe.Greeting(a1, "10.9.9.2", 7001));
            using var b2 = _world.Node("b2");
            Assert.Equal("b3 saw 10.0.19.2", await TcpProbe.Greeting(b2, "10.0.19.3", 7002));
            using var a2 = _world.Node("a2");
            Assert.Null(await TcpProbe.Greeting(a2, "10.0.19.3", 7002));
        }

        var check = _world.Topo("check", _world.File);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        var plan = _world.Topo("plan", _world.File, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);

        var down = _world.Topo("down", _world.File, "-q");
        Assert.True(down.ExitCode == 0, down.Out + down.Error);
        foreach (var host in _world.HostNames)
        {
            Assert.Equal("", _world.Netns(host));
            Assert.Empty(_world.OverlayLinks(host));
            Assert.DoesNotContain("vxov", _world.Hosts[host].Run("bridge", "fdb", "show"));
        }
    }
}

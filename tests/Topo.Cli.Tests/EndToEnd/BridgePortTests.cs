using System.Text.Json;
using Topo.Linux.Execute;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>bridges.NAME.ports: [host:eth1]</c>: an interface the lab did not make, put in its bridge and let go again, never
/// deleted. The machine's NIC is a veth made by hand in the sandbox's host, its peer in a namespace that stands for the LAN.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class BridgePortTests : IDisposable
{
    private const int Killed = 137;
    private readonly LabRun _run = new();
    private readonly string _file;
    private readonly string _lan;

    public BridgePortTests()
    {
        _lan = _run.Sandbox.Name("lan");
        _file = Path.Combine(_run.State, "ports.yaml");
        File.WriteAllText(_file, """
            version: 1
            lab: ports
            bridges:
              pbr: {subnet: 10.57.0.0/24, ports: [host:nic1]}
            nodes:
              pn1: {}
            links:
              - [pn1:eth0, pbr]
            """);
    }

    public void Dispose() => _run.Dispose();

    /// <summary>nic1 in the host, its peer in the LAN namespace with 10.57.0.200: what a node reaches through the bridge.</summary>
    private int MakeNic()
    {
        _run.Sandbox.Witness("ip", "link", "add", "nic1", "type", "veth", "peer", "name", "wire1");
        if (!_run.Namespaces().Contains(_lan)) _run.Sandbox.Witness("ip", "netns", "add", _lan);
        _run.Sandbox.Witness("ip", "link", "set", "wire1", "netns", _lan);
        _run.Sandbox.Witness("ip", "-n", _lan, "addr", "add", "10.57.0.200/24", "dev", "wire1");
        _run.Sandbox.Witness("ip", "-n", _lan, "link", "set", "wire1", "up");
        _run.Sandbox.Witness("ip", "link", "set", "nic1", "up");
        return Nic().GetProperty("ifindex").GetInt32();
    }

    private JsonElement Nic() => IpWitness.Link(_run.Sandbox, null, "nic1");

    private string? MasterOfNic() => Nic().TryGetProperty("master", out var m) ? m.GetString() : null;

    [KernelFact]
    public void Apply_puts_the_interface_in_the_bridge_and_a_node_reaches_its_network()
    {
        var index = MakeNic();

        var apply = _run.Topo("apply", _file);

        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("+ port host:nic1 of bridge pbr", apply.Out);
        Assert.Equal("pbr", MasterOfNic());
        Assert.Equal(index, Nic().GetProperty("ifindex").GetInt32());
        Assert.True(_run.Pings("pn1", "10.57.0.200"), "pn1 does not reach the LAN through nic1");
        Assert.Equal(0, _run.Topo("plan", _file, "--detailed-exitcode").ExitCode);
    }

    [KernelFact]
    public void A_released_port_is_drift_and_apply_puts_it_back()
    {
        MakeNic();
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "link", "set", "nic1", "nomaster");

        var status = _run.Topo("status", _file);
        var repair = _run.Topo("apply", _file);

        Assert.Equal(2, status.ExitCode);
        Assert.Contains("missing   port host:nic1 of bridge pbr\n", status.Out);
        Assert.Equal(0, repair.ExitCode);
        Assert.Contains("[1/1] + port host:nic1 of bridge pbr", repair.Out);
        Assert.Equal("pbr", MasterOfNic());
    }

    [KernelFact]
    public void A_missing_interface_waits_without_stopping_the_lab_and_is_enslaved_once_there()
    {
        var apply = _run.Topo("apply", _file);
        var plan = _run.Topo("plan", _file, "--detailed-exitcode");
        var status = _run.Topo("status", _file);

        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("topo: warning: port host:nic1 of bridge pbr waits: there is no interface host:nic1", apply.Error);
        Assert.Equal(["pn1"], _run.Namespaces());
        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("  ! port host:nic1 of bridge pbr waits: there is no interface host:nic1\n", plan.Out);
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("missing   port host:nic1 of bridge pbr (waits: there is no interface host:nic1)", status.Out);

        MakeNic();
        var later = _run.Topo("apply", _file, "-q");

        Assert.Equal(0, later.ExitCode);
        Assert.Equal("", later.Error);
        Assert.Equal("pbr", MasterOfNic());
    }

    [KernelFact]
    public void Down_releases_the_interface_and_leaves_it_as_it_was()
    {
        var index = MakeNic();
        var before = Nic();
        Assert.Equal(0, _run.Topo("apply", _file, "-q").ExitCode);

        var down = _run.Topo("down", _file, "-q");

        Assert.Equal(0, down.ExitCode);
        var after = Nic();
        Assert.Null(MasterOfNic());
        Assert.Equal(index, after.GetProperty("ifindex").GetInt32());
        Assert.Equal(before.GetProperty("mtu").GetInt32(), after.GetProperty("mtu").GetInt32());
        Assert.Equal(before.GetProperty("operstate").GetString(), after.GetProperty("operstate").GetString());
        Assert.False(IpWitness.Links(_run.Sandbox).ContainsKey("pbr"));
        Assert.Equal([_lan], _run.Namespaces());
    }

    [KernelFact]
    public void An_interface_in_a_bridge_of_no_lab_is_a_conflict_and_stays_there()
    {
        MakeNic();
        _run.Sandbox.Witness("ip", "link", "add", "handbr", "type", "bridge");
        _run.Sandbox.Witness("ip", "link", "set", "nic1", "master", "handbr");

        var apply = _run.Topo("apply", _file, "-q");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("port host:nic1 of bridge handbr already exists and is not owned by this lab", apply.Error);
        Assert.Equal("handbr", MasterOfNic());
        Assert.Equal([_lan], _run.Namespaces());
    }

    [KernelFact]
    public void Killed_after_any_step_the_next_apply_converges_and_down_releases_the_interface()
    {
        MakeNic();
        var plan = _run.Topo("plan", _file);
        var steps = int.Parse(plan.Out.Split('\n').Single(l => l.StartsWith("Plan: ", StringComparison.Ordinal)).Split(' ')[1]);
        Assert.Contains("+ port host:nic1 of bridge pbr", plan.Out);

        for (var k = 1; k <= steps; k++)
        {
            var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.Variable] = k.ToString() }, "apply", _file, "-q");
            Assert.True(Killed == killed.ExitCode, $"kill after step {k}: exit {killed.ExitCode}\n{killed.Error}");

            var apply = _run.Topo("apply", _file, "-q");
            Assert.True(apply.ExitCode == 0, $"apply after a kill at step {k}: {apply.Error}");
            Assert.Equal("pbr", MasterOfNic());
            var down = _run.Topo("down", _file, "-q");
            Assert.True(down.ExitCode == 0, $"down after a kill at step {k}:\n{down.Out}{down.Error}");
            Assert.Null(MasterOfNic());
            Assert.Equal([_lan], _run.Namespaces());
        }
    }
}

namespace Topo.Cli.Tests.EndToEnd;

/// <summary><c>topo exec</c> runs a command inside a node's namespace and passes its exit code through.</summary>
[Collection(LabCollection.Name)]
public sealed class ExecTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [Topo.Testing.Kernel.KernelFact]
    public void A_command_sees_the_node_s_interfaces_and_its_exit_code_comes_back()
    {
        var file = LabRun.Example("01-veth-pair.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var addr = _run.Process(null, "exec", "ns2", "--", "ip", "-br", "addr", "show", "dev", "eth0");
        Assert.Equal(0, addr.ExitCode);
        Assert.Contains("10.100.0.2/16", addr.Out);

        Assert.Equal(3, _run.Process(null, "exec", "ns1", "--", "sh", "-c", "exit 3").ExitCode);

        Assert.Equal(0, _run.Process(null, "exec", "ns1", "--lab", "veth-pair", "--", "true").ExitCode);
        var other = _run.Process(null, "exec", "ns1", "--lab", "dockerish", "--", "true");
        Assert.Equal(1, other.ExitCode);
        Assert.Contains("namespace 'ns1' is not marked as lab 'dockerish'", other.Error);

        var missing = _run.Process(null, "exec", "nowhere", "--", "true");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("there is no namespace 'nowhere'", missing.Error);
    }

    [Topo.Testing.Kernel.KernelFact]
    public void A_node_on_the_host_network_runs_its_command_in_the_host()
    {
        var file = LabRun.Example("06-host-network.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var addr = _run.Process(null, "exec", "monitor", "-f", file, "--", "ip", "-br", "addr", "show", "dev", "br-mon");
        Assert.Equal(0, addr.ExitCode);
        Assert.Contains("10.60.0.1/24", addr.Out);

        var without = _run.Process(null, "exec", "monitor", "--", "true");
        Assert.Equal(1, without.ExitCode);
        Assert.Contains("there is no namespace 'monitor'", without.Error);
        Assert.Contains("`topo exec -f FILE monitor -- ...`", without.Error);
    }

    /// <summary>With no file, the lab's last apply recorded that monitor is on the host network.</summary>
    [Topo.Testing.Kernel.KernelFact]
    public void A_node_on_the_host_network_is_found_by_its_lab_too()
    {
        var file = LabRun.Example("06-host-network.yaml");
        Assert.Equal(0, _run.Process(null, "apply", file, "-q").ExitCode);
        try
        {
            var addr = _run.Process(null, "exec", "monitor", "--lab", "host-net", "--", "ip", "-br", "addr", "show", "dev", "br-mon");
            Assert.True(addr.ExitCode == 0, addr.Error);
            Assert.Contains("10.60.0.1/24", addr.Out);
        }
        finally
        {
            Assert.Equal(0, _run.Process(null, "down", file, "-q").ExitCode);
        }
    }
}

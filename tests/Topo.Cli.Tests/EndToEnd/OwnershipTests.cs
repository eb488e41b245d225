using Topo.Linux.Reconcile;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>Objects the lab does not own are never changed; labs do not disturb each other; bad input and failures change nothing.</summary>
[Collection(LabCollection.Name)]
public sealed class OwnershipTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_foreign_namespace_of_a_wanted_name_stops_apply_before_any_change()
    {
        KernelSandbox.Run("ip", "netns", "add", "ns1");

        var apply = _run.Topo("apply", LabRun.Example("01-veth-pair.yaml"));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("netns ns1 already exists and is not owned by this lab", apply.Error);
        Assert.Contains("nothing was changed", apply.Error);
        Assert.Equal(["ns1"], _run.Namespaces());
        Assert.Equal(0, _run.Topo("down", "--lab", "veth-pair").ExitCode);
        Assert.Equal(["ns1"], _run.Namespaces());
    }

    [KernelFact]
    public void Two_labs_live_side_by_side_and_down_of_one_leaves_the_other()
    {
        var pair = LabRun.Example("01-veth-pair.yaml");
        var docker = LabRun.Example("dockerish.yaml");
        Assert.Equal(0, _run.Topo("apply", pair, "-q").ExitCode);
        Assert.Equal(0, _run.Topo("apply", docker, "-q").ExitCode);
        Assert.Equal(0, _run.Topo("status", pair).ExitCode);

        Assert.Equal(0, _run.Topo("down", "--lab", "veth-pair", "-q").ExitCode);

        Assert.Equal(0, _run.Topo("status", docker).ExitCode);
        Assert.DoesNotContain("ns1", _run.Namespaces());
        Assert.Contains("box1", _run.Namespaces());
    }

    [KernelFact]
    public void An_invalid_file_changes_nothing()
    {
        var file = Path.Combine(_run.State, "bad.yaml");
        File.WriteAllText(file, "version: 1\nlab: bad\nnodes:\n  box1: {}\nlinks:\n  - [box1:eth0, nowhere]\n");

        var apply = _run.Topo("apply", file);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("bad.yaml:6:", apply.Error);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void A_step_the_kernel_refuses_undoes_the_run_and_names_the_step_and_the_kernel_message()
    {
        var file = Path.Combine(_run.State, "fails.yaml");
        File.WriteAllText(file, """
            version: 1
            lab: fails
            nodes:
              ns1:
                sysctls: {net.ipv4.tcp_congestion_control: nosuch}
              ns2: {}
            links:
              - endpoints: [ns1:eth0, ns2:eth0]
                addresses: {ns1:eth0: 10.1.0.1/24, ns2:eth0: 10.1.0.2/24}
            """);

        var apply = _run.Topo("apply", file, "-q");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("failed", apply.Error);
        Assert.Contains("net.ipv4.tcp_congestion_control", apply.Error);
        Assert.Contains("No such file or directory", apply.Error);
        Assert.Contains("put back as it was before this run", apply.Error);
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
    }

    [KernelFact]
    public void A_second_apply_of_a_locked_lab_waits_then_fails_clearly_while_other_labs_go_on()
    {
        using (LabLock.Acquire(_run.State, "veth-pair", TimeSpan.FromSeconds(5)))
        {
            var blocked = _run.Topo("apply", LabRun.Example("01-veth-pair.yaml"), "--lock-timeout", "0.3");
            Assert.Equal(1, blocked.ExitCode);
            Assert.Contains("lab 'veth-pair' is busy", blocked.Error);
            Assert.Empty(_run.Namespaces());

            Assert.Equal(0, _run.Topo("apply", LabRun.Example("03-host-veth.yaml"), "-q").ExitCode);
        }

        Assert.Equal(0, _run.Topo("down", "--lab", "host-veth", "-q").ExitCode);
    }
}

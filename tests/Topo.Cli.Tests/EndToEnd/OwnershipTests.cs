using Topo.Linux.Execute;
using Topo.Linux.RunState;
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
    public void A_route_made_by_hand_through_a_lab_interface_in_the_host_is_left_alone_while_the_labs_own_are_marked()
    {
        var file = HostRouted();
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "route", "add", "10.77.0.0/24", "dev", "to-ns1");
        _run.Sandbox.Witness("ip", "route", "add", "10.78.0.0/24", "via", "10.0.0.2");

        var status = _run.Topo("status", file);
        var apply = _run.Topo("apply", file);

        Assert.True(status.ExitCode == 0, status.Out + status.Error);
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("No changes", apply.Out);
        var routes = _run.Sandbox.Witness("ip", "route");
        Assert.Contains("10.77.0.0/24 dev to-ns1", routes);
        Assert.Contains("10.78.0.0/24 via 10.0.0.2 dev to-ns1", routes);
        Assert.Equal("10.9.0.0/24 via 10.0.0.2 dev to-ns1", _run.Sandbox.Witness("ip", "route", "show", "proto", "116").Trim());
        Assert.Equal("default via 10.0.0.1 dev eth0", KernelSandbox.Run("ip", "-n", "ns1", "route", "show", "proto", "116").Trim());

        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void A_route_made_by_hand_in_the_host_to_a_wanted_destination_is_a_conflict_and_stays()
    {
        var file = HostRouted();
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "route", "del", "10.9.0.0/24");
        _run.Sandbox.Witness("ip", "route", "add", "10.9.0.0/24", "dev", "to-ns1");

        var apply = _run.Topo("apply", file);

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("route 10.9.0.0/24", apply.Error);
        Assert.Contains("not owned by this lab", apply.Error);
        Assert.Contains("10.9.0.0/24 dev to-ns1", _run.Sandbox.Witness("ip", "route"));
    }

    [KernelFact]
    public void A_route_made_by_hand_in_a_lab_namespace_is_the_labs_drift()
    {
        var file = HostRouted();
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        KernelSandbox.Run("ip", "-n", "ns1", "route", "add", "10.77.0.0/24", "dev", "eth0");

        Assert.Equal(2, _run.Topo("status", file).ExitCode);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.DoesNotContain("10.77.0.0/24", KernelSandbox.Run("ip", "-n", "ns1", "route"));
    }

    // The host joined to ns1 by a veth the lab owns, a host route through it, and ns1's default back to the host.
    private string HostRouted()
    {
        var file = Path.Combine(_run.State, "routed.yaml");
        File.WriteAllText(file, """
            version: 1
            lab: routed
            host:
              routes:
                - {to: 10.9.0.0/24, via: 10.0.0.2}
            nodes:
              ns1:
                routes:
                  - {to: default, via: 10.0.0.1}
            links:
              - endpoints: [host:to-ns1, ns1:eth0]
                addresses: {host:to-ns1: 10.0.0.1/24, ns1:eth0: 10.0.0.2/24}
            """);
        return file;
    }

    [KernelTheory]
    [InlineData("first")]
    [InlineData("second")]
    public void A_host_sysctl_two_labs_want_is_put_back_only_when_the_last_of_them_goes_down(string goingFirst)
    {
        Assert.Equal("0", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.ip_forward").Trim());
        string[] labs = [Forwarding("fwd-a"), Forwarding("fwd-b")];
        foreach (var lab in labs) Assert.Equal(0, _run.Topo("apply", lab, "-q").ExitCode);
        var (first, last) = goingFirst == "first" ? (labs[0], labs[1]) : (labs[1], labs[0]);

        Assert.Equal(0, _run.Topo("down", first, "-q").ExitCode);

        Assert.Equal("1", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.ip_forward").Trim());
        Assert.Equal(0, _run.Topo("status", last).ExitCode);
        Assert.Equal(0, _run.Topo("down", last, "-q").ExitCode);
        Assert.Equal("0", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.ip_forward").Trim());
        // Only the lock files stay: no lab's directory, no shared record.
        Assert.Equal(["locks"], Directory.EnumerateDirectories(_run.State).Select(Path.GetFileName));
    }

    // A lab of one node that wants the host to forward.
    private string Forwarding(string lab)
    {
        var file = Path.Combine(_run.State, lab + ".yaml");
        File.WriteAllText(file, $"version: 1\nlab: {lab}\nhost:\n  sysctls: {{net.ipv4.ip_forward: 1}}\nnodes:\n  {lab}-n: {{}}\n");
        return file;
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

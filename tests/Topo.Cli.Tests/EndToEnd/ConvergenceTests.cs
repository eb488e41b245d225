using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>One apply converges: whatever the kernel does on its own along the way, the plan after it is empty.</summary>
[Collection(LabCollection.Name)]
public sealed class ConvergenceTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void IPv4_and_IPv6_default_routes_side_by_side_converge_in_one_apply()
    {
        var file = Write("defaults.yaml", """
            version: 1
            lab: defaults
            nodes:
              a:
                routes:
                  - {to: default, via: 10.1.0.2}
                  - {to: default, via: "fd00:1::2"}
              b:
                routes:
                  - {to: "::/0", via: "fd00:1::1"}
            links:
              - endpoints: [a:eth0, b:eth0]
                addresses:
                  a:eth0: [10.1.0.1/24, "fd00:1::1/64"]
                  b:eth0: [10.1.0.2/24, "fd00:1::2/64"]
            """);

        AppliesInOneGo(file);

        Assert.Contains("default via 10.1.0.2 dev eth0", KernelSandbox.Run("ip", "-n", "a", "-4", "route"));
        Assert.Contains("default via fd00:1::2 dev eth0", KernelSandbox.Run("ip", "-n", "a", "-6", "route"));
        Assert.Contains("default via fd00:1::1 dev eth0", KernelSandbox.Run("ip", "-n", "b", "-6", "route"));
    }

    [KernelFact]
    public void A_prefix_changed_in_the_file_takes_one_apply_with_its_routes()
    {
        var file = Write("prefix.yaml", Prefixed(24));
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        File.WriteAllText(file, Prefixed(25));

        AppliesInOneGo(file);

        Assert.Contains("10.1.0.1/25", KernelSandbox.Run("ip", "-n", "a", "-4", "addr", "show", "eth0"));
        Assert.Contains("10.9.0.0/24 via 10.1.0.2 dev eth0", KernelSandbox.Run("ip", "-n", "a", "route"));
    }

    [KernelFact]
    public void A_prefix_changed_by_hand_is_repaired_in_one_apply_with_its_routes()
    {
        var file = Write("prefix.yaml", Prefixed(24));
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        // The new address first: the interface never lacks one, so the kernel keeps the route until apply deletes it.
        _run.Sandbox.Witness("ip", "-n", "a", "addr", "add", "10.1.0.1/25", "dev", "eth0");
        _run.Sandbox.Witness("ip", "-n", "a", "addr", "del", "10.1.0.1/24", "dev", "eth0");
        Assert.Contains("10.9.0.0/24 via 10.1.0.2", KernelSandbox.Run("ip", "-n", "a", "route"));

        AppliesInOneGo(file);

        Assert.Contains("10.1.0.1/24", KernelSandbox.Run("ip", "-n", "a", "-4", "addr", "show", "eth0"));
        Assert.Contains("10.9.0.0/24 via 10.1.0.2 dev eth0", KernelSandbox.Run("ip", "-n", "a", "route"));
    }

    [KernelFact]
    public void Global_host_sysctls_are_written_before_an_interfaces_which_writing_them_would_reset()
    {
        var file = HostOnly();

        AppliesInOneGo(file);

        Assert.Equal("1", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.ip_forward").Trim());
        Assert.Equal("0", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.conf.to-ns1.forwarding").Trim());
    }

    [KernelFact]
    public void Repairing_ip_forward_writes_again_the_interface_forwarding_it_resets()
    {
        var file = HostOnly();
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        _run.Sandbox.Witness("sysctl", "-qw", "net.ipv4.ip_forward=0");

        AppliesInOneGo(file);

        Assert.Equal("1", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.ip_forward").Trim());
        Assert.Equal("0", _run.Sandbox.Witness("sysctl", "-n", "net.ipv4.conf.to-ns1.forwarding").Trim());
    }

    // A host-only network: the host forwards, but not for its end of this link.
    private string HostOnly() =>
        Write("host-only.yaml", """
            version: 1
            lab: host-only
            host:
              sysctls: {net.ipv4.ip_forward: 1, net.ipv4.conf.to-ns1.forwarding: 0}
            nodes:
              ns1: {}
            links:
              - endpoints: [host:to-ns1, ns1:eth0]
                addresses: {host:to-ns1: 10.0.0.1/24, ns1:eth0: 10.0.0.2/24}
            """);

    [KernelFact]
    public void A_loopback_set_down_by_hand_is_drift_that_apply_brings_up()
    {
        var file = LabRun.Example("01-veth-pair.yaml");
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "-n", "ns1", "link", "set", "lo", "down");

        var status = _run.Topo("status", file);

        Assert.True(status.ExitCode == 2, status.Out + status.Error);
        Assert.Contains("netns ns1", status.Out);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Contains("UP", KernelSandbox.Run("ip", "-n", "ns1", "-br", "link", "show", "lo"));
        Assert.Equal(0, _run.Topo("status", file).ExitCode);
    }

    private static string Prefixed(int length) => $$"""
        version: 1
        lab: prefix
        nodes:
          a:
            routes:
              - {to: 10.9.0.0/24, via: 10.1.0.2}
          b: {}
        links:
          - endpoints: [a:eth0, b:eth0]
            addresses:
              a:eth0: 10.1.0.1/{{length}}
              b:eth0: 10.1.0.2/{{length}}
        """;

    // One apply, and the plan after it is empty.
    private void AppliesInOneGo(string file)
    {
        var apply = _run.Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        var plan = _run.Topo("plan", file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_run.State, name);
        File.WriteAllText(path, text);
        return path;
    }
}

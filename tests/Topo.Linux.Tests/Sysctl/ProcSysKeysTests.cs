using Topo.Core.Validation;
using Topo.Linux.Sysctl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Sysctl;

public sealed class ProcSysKeysTests
{
    [KernelFact]
    public void Keys_are_found_writable_read_only_or_missing_in_the_host_and_in_a_new_namespace()
    {
        using var sandbox = new KernelSandbox();
        var before = File.ReadAllText("/proc/sys/net/ipv4/ip_forward");
        using var keys = new ProcSysKeys(new KernelOptions(HostNamespacePath: sandbox.HostPath));

        foreach (var inHost in new[] { true, false })
        {
            Assert.Equal(SysctlKeyState.Writable, keys.Of("net.ipv4.ip_forward", inHost));
            Assert.Equal(SysctlKeyState.Writable, keys.Of("net.ipv4.conf.default.rp_filter", inHost));
            Assert.Equal(SysctlKeyState.ReadOnly, keys.Of("net.ipv4.tcp_available_congestion_control", inHost));
            Assert.Equal(SysctlKeyState.Missing, keys.Of("net.ipv4.conf.all.forwrding", inHost));
            Assert.Equal(SysctlKeyState.Unknown, keys.Of("net.ipv4/../../kernel/panic", inHost));
        }

        // Looking changes nothing.
        Assert.Equal(before, File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
    }

    /// <summary>The sandbox's host namespace has an interface the machine's does not: the host lookup happens there.</summary>
    [KernelFact]
    public void Host_keys_are_looked_up_in_the_namespace_the_options_name()
    {
        using var sandbox = new KernelSandbox();
        const string name = "keys0";
        sandbox.Witness("ip", "link", "add", name, "type", "veth", "peer", "name", "keys1");
        using var keys = new ProcSysKeys(new KernelOptions(HostNamespacePath: sandbox.HostPath));

        Assert.Equal(SysctlKeyState.Writable, keys.Of($"net.ipv4.conf.{name}.forwarding", inHost: true));
        Assert.Equal(SysctlKeyState.Missing, keys.Of($"net.ipv4.conf.{name}.forwarding", inHost: false));
    }
}

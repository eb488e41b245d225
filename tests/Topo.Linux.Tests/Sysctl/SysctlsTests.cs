using Topo.Linux.Namespaces;
using Topo.Linux.Sysctl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Sysctl;

public sealed class SysctlsTests
{
    [KernelFact]
    public void A_value_written_in_a_namespace_is_read_back_there_and_nowhere_else()
    {
        using var sandbox = new KernelSandbox();
        var name = sandbox.Name("s");
        using var node = sandbox.Namespaces.Create(name);
        var machine = File.ReadAllText("/proc/sys/net/ipv4/ip_forward");
        var flipped = machine.Trim() == "1" ? "0" : "1";
        var sysctls = new Sysctls(node);

        sysctls.Write("net.ipv4.ip_forward", flipped);

        Assert.Equal(flipped, sysctls.Read("net.ipv4.ip_forward"));
        Assert.Equal(flipped + "\n", KernelSandbox.Run("ip", "netns", "exec", name, "cat", "/proc/sys/net/ipv4/ip_forward"));
        Assert.Equal(machine, File.ReadAllText("/proc/sys/net/ipv4/ip_forward"));
        Assert.Equal(machine, sandbox.Witness("cat", "/proc/sys/net/ipv4/ip_forward"));
    }

    [KernelFact]
    public void A_value_of_several_fields_keeps_its_tabs()
    {
        using var sandbox = new KernelSandbox();
        var sysctls = new Sysctls(sandbox.Host);

        sysctls.Write("net.ipv4.ip_local_port_range", "40000 50000");

        Assert.Equal("40000\t50000", sysctls.Read("net.ipv4.ip_local_port_range"));
        Assert.Equal("40000\t50000\n", sandbox.Witness("cat", "/proc/sys/net/ipv4/ip_local_port_range"));
    }

    [KernelTheory]
    [InlineData("net.ipv4.no_such_thing", "1", Errors.ENOENT, "No such file or directory")]
    [InlineData("net.ipv4.ip_forward", "yes", Errors.EINVAL, "Invalid argument")]
    public void What_the_kernel_refuses_fails_naming_key_namespace_and_errno(string key, string value, int errno, string text)
    {
        using var sandbox = new KernelSandbox();
        var sysctls = new Sysctls(sandbox.Host);

        var e = Assert.Throws<KernelException>(() => sysctls.Write(key, value));

        Assert.Equal(errno, e.Errno);
        Assert.Equal($"writing sysctl {key} in namespace '{sandbox.Id}': {text}", e.Message);
    }

    [Theory]
    [InlineData("net.ipv4..ip_forward")]
    [InlineData("net.ipv4.conf.eth0/../../../../etc/passwd")]
    [InlineData("net/ipv4/ip_forward")]
    [InlineData("kernel.hostname")]
    [InlineData("net")]
    [InlineData("net.")]
    [InlineData("net.ipv4.IP_FORWARD")]
    [InlineData(".net.ipv4.ip_forward")]
    [InlineData("net.ipv4.ip_forward ")]
    [InlineData("")]
    public void A_bad_key_is_refused_before_any_file_is_opened(string key)
    {
        Assert.False(SysctlKey.IsValid(key));
        Assert.Null(SysctlKey.PathOf(key));
        // Refused before any work reaches the namespace thread: this one is stopped and would throw
        // InvalidOperationException for any work it was given.
        var stopped = NamespaceThread.Enter("/proc/thread-self/ns/net", "stopped");
        stopped.Dispose();
        var e = Assert.Throws<KernelException>(() => new Sysctls(stopped).Write(key, "1"));
        Assert.Equal(Errors.EINVAL, e.Errno);
        Assert.Contains("not a network sysctl key", e.Message);
    }

    [Theory]
    [InlineData("net.ipv4.ip_forward", "/proc/sys/net/ipv4/ip_forward")]
    [InlineData("net.ipv4.conf.all.forwarding", "/proc/sys/net/ipv4/conf/all/forwarding")]
    [InlineData("net.bridge.bridge-nf-call-iptables", "/proc/sys/net/bridge/bridge-nf-call-iptables")]
    public void A_good_key_maps_to_its_proc_file(string key, string path) => Assert.Equal(path, SysctlKey.PathOf(key));
}

using Topo.Linux.Namespaces;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Namespaces;

public sealed class NetnsDirectoryTests
{
    [KernelFact]
    public void A_namespace_made_here_is_one_that_ip_netns_sees_and_enters()
    {
        using var sandbox = new KernelSandbox();
        var name = sandbox.Name("a");

        using (var inside = sandbox.Namespaces.Create(name))
        {
            Assert.Contains(name, KernelSandbox.Run("ip", "netns", "list"));
            var ours = inside.Invoke(() => File.ReadAllText("/proc/thread-self/net/dev"));
            Assert.Contains("lo:", ours);
            Assert.DoesNotContain("eth0", ours);
            KernelSandbox.Run("ip", "netns", "exec", name, "ip", "link", "add", "d0", "type", "bridge");
            Assert.Contains("d0:", inside.Invoke(() => File.ReadAllText("/proc/thread-self/net/dev")));
        }

        sandbox.Namespaces.Delete(name);
        Assert.DoesNotContain(name, KernelSandbox.Run("ip", "netns", "list"));
        Assert.False(sandbox.Namespaces.Exists(name));
    }

    [KernelFact]
    public void Making_a_name_that_exists_fails_with_EEXIST_naming_it()
    {
        using var sandbox = new KernelSandbox();
        var name = sandbox.Name("dup");
        sandbox.Namespaces.Create(name).Dispose();

        var e = Assert.Throws<KernelException>(() => sandbox.Namespaces.Create(name));

        Assert.Equal(Errors.EEXIST, e.Errno);
        Assert.Equal($"creating namespace '{name}': File exists", e.Message);
    }

    [KernelFact]
    public void A_thread_entered_into_a_namespace_sees_its_interfaces_only()
    {
        using var sandbox = new KernelSandbox();
        var name = sandbox.Name("b");
        sandbox.Namespaces.Create(name).Dispose();
        KernelSandbox.Run("ip", "netns", "exec", name, "ip", "link", "add", "only-here", "type", "bridge");

        using var entered = sandbox.Namespaces.Open(name);

        Assert.Contains("only-here", entered.Invoke(() => File.ReadAllText("/proc/thread-self/net/dev")));
        Assert.DoesNotContain("only-here", sandbox.Host.Invoke(() => File.ReadAllText("/proc/thread-self/net/dev")));
    }
}

public sealed class InterruptedCreateTests
{
    [KernelFact]
    public void A_name_left_without_a_namespace_by_a_killed_create_is_taken_over()
    {
        using var sandbox = new KernelSandbox();
        var name = sandbox.Name("left");
        File.WriteAllBytes(sandbox.Namespaces.PathOf(name), []);

        using (var inside = sandbox.Namespaces.Create(name))
        {
            Assert.Contains("lo:", inside.Invoke(() => File.ReadAllText("/proc/thread-self/net/dev")));
        }

        KernelSandbox.Run("ip", "netns", "exec", name, "ip", "link", "add", "proof", "type", "bridge");
        using var entered = sandbox.Namespaces.Open(name);
        Assert.Contains("proof", entered.Invoke(() => File.ReadAllText("/proc/thread-self/net/dev")));
        Assert.Equal(Errors.EEXIST, Assert.Throws<KernelException>(() => sandbox.Namespaces.Create(name)).Errno);
    }
}

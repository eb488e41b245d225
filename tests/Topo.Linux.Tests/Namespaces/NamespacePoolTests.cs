using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Read;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Namespaces;

/// <summary>
/// The pool keeps no more namespaces open than its budget (each costs a thread and descriptors), enters
/// one it let go of again when asked, and keeps every namespace a hold asked for until the hold ends.
/// </summary>
public sealed class NamespacePoolTests
{
    private const int Budget = 16;
    private const int Count = 40;

    [KernelFact]
    public void No_more_than_the_budget_stay_open_and_one_let_go_is_entered_again()
    {
        using var sandbox = new KernelSandbox();
        var names = Made(sandbox);
        using var pool = Pool(sandbox);
        var earliest = pool.In(names[0]);

        foreach (var name in names.Skip(1)) Assert.Contains(pool.In(name).Client.Links(), l => l.Name == "lo");

        Assert.Equal(Budget, pool.OpenCount);
        // The one let go of was disposed, its socket closed with it.
        Assert.Throws<KernelException>(() => earliest.Client.Links());
        var first = pool.In(names[0]);
        Assert.NotSame(earliest, first);
        Assert.Equal(names[0], first.Client.Namespace);
        Assert.Contains(first.Client.Links(), l => l.Name == "lo");
        Assert.Equal(Budget, pool.OpenCount);
    }

    [KernelFact]
    public void A_hold_keeps_all_it_asked_for_open_until_it_ends()
    {
        using var sandbox = new KernelSandbox();
        var names = Made(sandbox);
        using var pool = Pool(sandbox);

        using (pool.Hold())
        {
            var contexts = names.Select(n => pool.In(n)).ToList();
            Assert.Equal(Count, pool.OpenCount);
            Assert.True(pool.Crowded);
            // Every one still answers: none was disposed under the hold.
            Assert.All(contexts, c => Assert.Contains(c.Client.Links(), l => l.Name == "lo"));
        }

        Assert.Equal(Budget, pool.OpenCount);
        Assert.False(pool.Crowded);
    }

    [KernelFact]
    public void A_namespace_entered_for_requests_gets_its_thread_only_when_one_is_needed()
    {
        using var sandbox = new KernelSandbox();
        var name = Made(sandbox)[0];
        using var pool = Pool(sandbox);

        var context = pool.In(name);
        Assert.Contains(context.Client.Links(), l => l.Name == "lo");
        Assert.False(context.HasThread);

        Assert.Equal("0", context.Sysctls.Read("net.ipv4.ip_forward"));
        Assert.True(context.HasThread);
    }

    [KernelFact]
    public void A_namespace_let_go_of_is_freed_once_deleted_the_visitor_holds_none()
    {
        using var sandbox = new KernelSandbox();
        var name = Made(sandbox)[0];
        using var pool = Pool(sandbox);
        sandbox.Witness("ip", "link", "add", "gone0", "type", "veth", "peer", "name", "eth0", "netns", name);
        Assert.Contains(pool.In(name).Client.Links(), l => l.Name == "eth0");

        pool.Forget(name);
        sandbox.Namespaces.Delete(name);

        // The host's end goes only when nothing holds the namespace any more.
        new KernelReader(sandbox.Host, sandbox.Namespaces).WaitUntilGone(["gone0"], TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("gone0", IpWitness.Links(sandbox).Keys);
    }

    private static List<string> Made(KernelSandbox sandbox)
    {
        var names = Enumerable.Range(0, Count).Select(i => sandbox.Name($"p{i}")).ToList();
        foreach (var name in names) sandbox.Namespaces.Create(name).Dispose();
        return names;
    }

    private static NamespacePool Pool(KernelSandbox sandbox) =>
        new(sandbox.Namespaces, NamespaceContext.Adopt(Netns.Host, NamespaceThread.Enter(sandbox.HostPath, "host")), "libnftables.so.1", Budget);
}

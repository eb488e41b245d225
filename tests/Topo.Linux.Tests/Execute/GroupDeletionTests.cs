using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.Read;
using Topo.Linux.RunState;
using Topo.Linux.Namespaces;
using Topo.Testing.Kernel;
using static Topo.Linux.Tests.Execute.SessionSandbox;
using Topo.Linux.Kinds;

namespace Topo.Linux.Tests.Execute;

/// <summary>
/// GroupDeletion, the one-request deletion of a namespace's interfaces: mostly driven as a plan
/// drives it, a run of link deletions handed to the session whole; directly where a test must choose the group numbers.
/// </summary>
public sealed class GroupDeletionTests
{
    // Not in Errors: the kernel's answer to deleting lo, which has no dellink.
    private const int EOPNOTSUPP = 95;

    private static Change DeleteBridge(Netns ns, string name) => Delete(new BridgeResource(new LinkEnd(ns, name)));

    [KernelFact]
    public void A_run_of_deletions_deletes_the_named_interfaces_and_leaves_the_others_and_their_group_alone()
    {
        using var s = new SessionSandbox();
        s.Kernel.Witness("ip", "link", "add", "br0", "type", "bridge");
        s.Kernel.Witness("ip", "link", "add", "va0", "type", "veth", "peer", "name", "vb0");
        // Foreign: one in the lowest group the deletion may pick, one in group 0.
        s.Kernel.Witness("ip", "link", "add", "fbr0", "group", "65536", "type", "bridge");
        s.Kernel.Witness("ip", "link", "add", "fa0", "type", "veth", "peer", "name", "fb0");
        Change[] steps = [DeleteBridge(Netns.Host, "br0"), Delete(VethResource.Of(new LinkEnd(Netns.Host, "va0"), new LinkEnd(Netns.Host, "vb0")))];
        var reported = new List<int>();

        s.Session.Execute(steps, reported.Add);

        Assert.Equal([0, 1], reported);
        Assert.Equal(["fa0", "fb0", "fbr0", "lo"], IpWitness.Links(s.Kernel).Keys.Order().ToList());
        Assert.Equal("65536", IpWitness.Link(s.Kernel, null, "fbr0").GetProperty("group").GetString());
    }

    [KernelFact]
    public void A_group_number_an_interface_already_has_is_passed_over_and_that_interface_survives_in_it()
    {
        using var sandbox = new KernelSandbox();
        sandbox.Witness("ip", "link", "add", "mine0", "type", "bridge");
        sandbox.Witness("ip", "link", "add", "mine1", "type", "bridge");
        sandbox.Witness("ip", "link", "add", "theirs0", "group", "70000", "type", "bridge");
        using var pool = new NamespacePool(sandbox.Namespaces, NamespaceContext.Adopt(Netns.Host, NamespaceThread.Enter(sandbox.HostPath, "host")), "libnftables.so.1");
        var offered = new Queue<uint>([70000u, 70001u]);

        var refused = new GroupDeletion(pool, new LinkSteps(Ownership.Mark("lab"), pool), offered.Dequeue).Delete(Netns.Host, ["mine0", "mine1"]);

        Assert.Empty(refused);
        Assert.Empty(offered);
        Assert.Equal(["lo", "theirs0"], IpWitness.Links(sandbox).Keys.Order().ToList());
        Assert.Equal("70000", IpWitness.Link(sandbox, null, "theirs0").GetProperty("group").GetString());
    }

    [KernelFact]
    public void Names_already_gone_are_no_failure_whether_some_or_all_of_a_namespaces_are()
    {
        using var s = new SessionSandbox();
        s.Kernel.Witness("ip", "link", "add", "br0", "type", "bridge");
        var reported = new List<int>();

        s.Session.Execute([DeleteBridge(Netns.Host, "gone0"), DeleteBridge(Netns.Host, "br0")], reported.Add);
        s.Session.Execute([DeleteBridge(Netns.Host, "gone1"), DeleteBridge(Netns.Host, "gone2")], reported.Add);

        Assert.Equal([0, 1, 0, 1], reported);
        Assert.Equal(["lo"], IpWitness.Links(s.Kernel).Keys.ToList());
    }

    [KernelFact]
    public void An_interface_alone_in_its_namespace_among_the_runs_is_deleted_too()
    {
        using var s = new SessionSandbox();
        var node = s.Kernel.Name("n");
        s.Session.Execute(Create(new NamespaceResource(node)));
        s.Kernel.Witness("ip", "link", "add", "br0", "type", "bridge");
        KernelSandbox.Run("ip", "-n", node, "link", "add", "eth0", "type", "veth", "peer", "name", "eth1");
        KernelSandbox.Run("ip", "-n", node, "link", "add", "keep0", "type", "bridge");
        Change[] steps = [DeleteBridge(Netns.Host, "br0"), Delete(VethResource.Of(new LinkEnd(node, "eth0"), new LinkEnd(node, "eth1")))];
        var reported = new List<int>();

        s.Session.Execute(steps, reported.Add);

        Assert.Equal([0, 1], reported);
        Assert.Equal(["lo"], IpWitness.Links(s.Kernel).Keys.ToList());
        Assert.Equal(["keep0", "lo"], IpWitness.Links(s.Kernel, node).Keys.Order().ToList());
    }

    [KernelFact]
    public void Lo_among_the_names_is_refused_as_its_own_step_with_EOPNOTSUPP_and_the_others_are_deleted()
    {
        using var s = new SessionSandbox();
        s.Kernel.Witness("ip", "link", "add", "br0", "type", "bridge");
        s.Kernel.Witness("ip", "link", "add", "br1", "type", "bridge");
        Change[] steps = [DeleteBridge(Netns.Host, "br0"), DeleteBridge(Netns.Host, "lo"), DeleteBridge(Netns.Host, "br1")];
        var reported = new List<int>();

        var failure = Assert.Throws<StepFailedException>(() => s.Session.Execute(steps, reported.Add));

        Assert.Equal(1, failure.Index);
        Assert.Equal([0], reported);
        Assert.Equal(EOPNOTSUPP, failure.Error.Errno);
        Assert.StartsWith("deleting bridge lo", failure.Error.Message, StringComparison.Ordinal);
        Assert.Contains("deleting 'lo' in namespace 'host'", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["lo"], IpWitness.Links(s.Kernel).Keys.ToList());
    }

    // The kernel checks every member before it deletes any: a refused group leaves all of them in it,
    // so the members go back to their own groups before the one-by-one fallback.
    [KernelFact]
    public void An_interface_the_kernel_refuses_to_delete_is_left_in_the_group_it_was_in()
    {
        using var s = new SessionSandbox();
        s.Kernel.Witness("ip", "link", "add", "br0", "type", "bridge");

        Assert.Throws<StepFailedException>(() => s.Session.Execute([DeleteBridge(Netns.Host, "lo"), DeleteBridge(Netns.Host, "br0")], _ => { }));

        Assert.Equal("default", IpWitness.Link(s.Kernel, null, "lo").GetProperty("group").GetString());
    }
}

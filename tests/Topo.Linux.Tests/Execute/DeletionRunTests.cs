using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Execute;

/// <summary>
/// A run of deletions in a whole plan: given the state read before the plan, the interfaces go first
/// (with the veth ends the deleted namespaces would leave behind), so nothing of them lingers once Execute returns.
/// </summary>
public sealed class DeletionRunTests
{
    // Made by hand, unmarked: not the lab's, whatever the lab's deletions do to the host.
    private static readonly string[] Foreign = ["fa0", "fb0", "fbr0"];

    [KernelFact]
    public void A_down_with_the_state_before_leaves_no_bridge_veth_end_or_namespace_of_the_lab_when_it_returns()
    {
        using var s = new SessionSandbox();
        var nodes = Nodes(s, 3);
        var desired = BridgeLab(s.Lab, nodes);
        s.Apply(desired);
        AddForeign(s);
        // Someone else's interface on the lab's bridge is no member of the lab's group: it stays, released.
        s.Kernel.Witness("ip", "link", "set", "fa0", "master", "br0");
        var before = s.Session.Read(desired);
        var down = Planner.Plan(LabState.Empty(s.Lab), before).Plan;
        var reported = new List<int>();

        s.Session.Execute(down.Steps, reported.Add, null, before);

        Assert.Equal(Enumerable.Range(0, down.Steps.Length), reported);
        Assert.Equal([.. Foreign, "lo"], IpWitness.Links(s.Kernel).Keys.Order().ToList());
        Assert.False(IpWitness.Link(s.Kernel, null, "fa0").TryGetProperty("master", out _));
        Assert.All(nodes, n => Assert.False(s.Kernel.Namespaces.Exists(n), $"{n} is still in the netns directory"));
    }

    [KernelFact]
    public void Removing_two_nodes_of_three_with_the_state_before_takes_their_host_ends_at_once_and_keeps_the_other_port()
    {
        using var s = new SessionSandbox();
        var shrink = Shrink(s, keep: 1);
        var reported = new List<int>();

        s.Session.Execute(shrink.Plan.Steps, reported.Add, null, shrink.Before);

        Assert.Equal(Enumerable.Range(0, shrink.Plan.Steps.Length), reported);
        AssertOnlyKeptNodes(s, shrink);
    }

    // The plan is the one namespace deletion: a deletion alone still takes the end it would leave behind.
    [KernelFact]
    public void Removing_one_node_of_three_with_the_state_before_takes_its_host_end_at_once_and_keeps_the_others_ports()
    {
        using var s = new SessionSandbox();
        var shrink = Shrink(s, keep: 2);
        Assert.Contains(shrink.Plan.Steps, c => c.Action == ChangeAction.Delete && c.Before is NamespaceResource n && n.Name == shrink.Nodes[2]);
        var reported = new List<int>();

        s.Session.Execute(shrink.Plan.Steps, reported.Add, null, shrink.Before);

        Assert.Equal(Enumerable.Range(0, shrink.Plan.Steps.Length), reported);
        AssertOnlyKeptNodes(s, shrink);
    }

    [KernelFact]
    public void Removing_a_node_without_the_state_before_deletes_its_namespace_and_its_host_end_goes_with_it()
    {
        using var s = new SessionSandbox();
        var shrink = Shrink(s, keep: 2);
        var reported = new List<int>();

        s.Session.Execute(shrink.Plan.Steps, reported.Add);
        Assert.False(s.Kernel.Namespaces.Exists(shrink.Nodes[2]));
        s.Session.WaitUntilGone(shrink.Plan.Steps, shrink.Before);

        Assert.Equal(Enumerable.Range(0, shrink.Plan.Steps.Length), reported);
        AssertOnlyKeptNodes(s, shrink);
    }

    /// <summary>A lab of three nodes made, and the plan (from <see cref="Before"/>) that keeps the first <c>keep</c> of them.</summary>
    private sealed record Shrunk(string[] Nodes, LabState Desired, LabState Before, Plan Plan);

    private static Shrunk Shrink(SessionSandbox s, int keep)
    {
        var nodes = Nodes(s, 3);
        s.Apply(BridgeLab(s.Lab, nodes));
        var desired = BridgeLab(s.Lab, nodes[..keep]);
        var before = s.Session.Read(desired);
        return new Shrunk(nodes, desired, before, Planner.Plan(desired, before).Plan);
    }

    // Checked with no wait: the host holds the bridge and the kept nodes' ends, still its ports, and nothing of the others.
    private static void AssertOnlyKeptNodes(SessionSandbox s, Shrunk shrink)
    {
        var kept = shrink.Desired.Resources.OfType<NamespaceResource>().Count();
        var host = IpWitness.Links(s.Kernel);
        Assert.Equal(["br0", "lo", .. Enumerable.Range(0, kept).Select(i => $"vn{i}")], host.Keys.Order().ToList());
        Assert.All(Enumerable.Range(0, kept), i => Assert.Equal("br0", host[$"vn{i}"].GetProperty("master").GetString()));
        Assert.All(shrink.Nodes[kept..], n => Assert.False(s.Kernel.Namespaces.Exists(n), $"{n} is still in the netns directory"));
        Assert.Empty(s.PlanNow(shrink.Desired).Steps);
    }

    private static string[] Nodes(SessionSandbox s, int count) => [.. Enumerable.Range(0, count).Select(i => s.Kernel.Name($"n{i}"))];

    // A host bridge with each node's eth0 paired to a host end vnI enslaved to it.
    private static LabState BridgeLab(string lab, string[] nodes) => new(lab,
    [
        new BridgeResource(new LinkEnd(Netns.Host, "br0")),
        .. nodes.Select(n => (Resource)new NamespaceResource(n)),
        .. nodes.Select((n, i) => (Resource)VethResource.Of(new LinkEnd(n, "eth0"), new LinkEnd(Netns.Host, $"vn{i}", Master: "br0"))),
    ]);

    private static void AddForeign(SessionSandbox s)
    {
        s.Kernel.Witness("ip", "link", "add", "fa0", "type", "veth", "peer", "name", "fb0");
        s.Kernel.Witness("ip", "link", "add", "fbr0", "type", "bridge");
    }
}

using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Planning;

public sealed class PlannerScaleTests
{
    private const int Nodes = 5_000;

    [Fact]
    public void Five_thousand_nodes_on_one_bridge_are_planned_whole_and_in_order()
    {
        var desired = new LabState("big", Lab());

        var plan = Planner.Plan(desired, LabState.Empty("big")).Plan;

        Assert.Equal(1 + 1 + Nodes * 4, plan.Count(ChangeAction.Create));
        Assert.Equal(plan.Steps.Length, plan.Count(ChangeAction.Create));
        Assert.Equal(Nodes, plan.Steps.Count(s => s.Subject is RouteResource));
        var position = plan.Steps.Select((s, i) => (s.Key, i)).ToDictionary(p => p.Key, p => p.i);
        var veth = plan.Steps.First(s => s.Subject is VethResource).Subject;
        Assert.All(veth.Dependencies, d => Assert.True(position[d] < position[veth.Key]));
    }

    [Fact]
    public void Tearing_it_down_is_one_deletion_per_namespace_and_the_bridge()
    {
        var actual = new LabState("big", [.. Lab().Select(r => r with { Owner = "big" })]);

        var plan = Planner.Plan(LabState.Empty("big"), actual).Plan;

        Assert.Equal(Nodes + 1, plan.Count(ChangeAction.Delete));
        Assert.Equal(plan.Steps.Length, plan.Count(ChangeAction.Delete));
    }

    private static ImmutableArray<Resource> Lab()
    {
        var bridge = new LinkEnd(Netns.Host, "br0");
        var resources = ImmutableArray.CreateBuilder<Resource>();
        resources.Add(new BridgeResource(bridge));
        resources.Add(new AddressResource(Netns.Host, "br0", "10.0.0.1/16"));
        for (var i = 0; i < Nodes; i++)
        {
            var ns = $"n{i}";
            var address = new AddressResource(ns, "eth0", $"10.{1 + i / 250}.{i % 250}.2/16");
            resources.Add(new NamespaceResource(ns));
            resources.Add(VethResource.Of(new LinkEnd(ns, "eth0"), new LinkEnd(Netns.Host, $"v{i}", Master: "br0")));
            resources.Add(address);
            resources.Add(new RouteResource(ns, "default", "10.0.0.1", null) { GatewayAddress = address.Key });
        }

        return resources.ToImmutable();
    }
}

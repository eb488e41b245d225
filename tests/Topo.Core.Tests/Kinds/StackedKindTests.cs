using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Tests.Kinds;

/// <summary>What ipvlan, vlan and dummy links become: their resources, their explain commands and their place in the graph.</summary>
public class StackedKindTests
{
    private const string Text = """
        version: 1
        lab: kinds
        nodes: {r1: {}, a: {}, b: {}}
        links:
          - [r1:eth0, host:trunk0]
          - {type: vlan, parent: r1:eth0, endpoint: r1:eth0.10, id: 10, addresses: {r1:eth0.10: 10.10.0.1/24}}
          - {type: ipvlan, parent: host:trunk0, endpoint: a:ipv0, mode: l3, addresses: {a:ipv0: 10.20.0.2/24}}
          - {type: ipvlan, parent: host:trunk0, endpoint: b:ipv0, addresses: {b:ipv0: 10.20.0.3/24}}
          - {type: dummy, endpoint: r1:lo1, addresses: {r1:lo1: 10.255.0.1/32}}
        """;

    private static LabState Desired() => LabLoader.LoadText("kinds.yaml", Text).Lab!.Desired;

    private static string[] Explain(Resource r) => [.. StepCommands.Of(new Change(ChangeAction.Create, null, r, []), "kinds")];

    [Fact]
    public void Each_link_type_is_its_own_resource_stacked_on_its_parent()
    {
        var state = Desired();
        var vlan = Assert.Single(state.Resources.OfType<VlanResource>());
        Assert.Equal((new LinkEnd("r1", "eth0.10"), new ResourceKey(ResourceKind.Link, "r1", "eth0"), 10), (vlan.Device, vlan.Parent, vlan.Id));
        Assert.Equal(["l3", "l2"], state.Resources.OfType<IpvlanResource>().Select(i => i.Mode));
        Assert.All(state.Resources.OfType<IpvlanResource>(), i => Assert.Equal(new ResourceKey(ResourceKind.Link, Netns.Host, "trunk0"), i.Parent));
        Assert.Equal(new LinkEnd("r1", "lo1"), Assert.Single(state.Resources.OfType<DummyResource>()).Device);
        Assert.Contains(state.Resources.OfType<AddressResource>(), a => a.Device == "lo1" && a.Cidr == "10.255.0.1/32");
    }

    [Fact]
    public void Explain_writes_what_ip_link_add_takes_for_each()
    {
        var state = Desired();
        Assert.Equal("ip -n r1 link add eth0.10 link eth0 type vlan protocol 802.1Q id 10", Explain(state.Resources.OfType<VlanResource>().Single())[0]);
        Assert.Equal("ip link add ipv0 link trunk0 netns a type ipvlan mode l3", Explain(state.Resources.OfType<IpvlanResource>().First())[0]);
        Assert.Equal(["ip -n r1 link add lo1 type dummy", "ip -n r1 link set lo1 alias topo:kinds", "ip -n r1 link set lo1 up"], Explain(state.Resources.OfType<DummyResource>().Single()));
    }

    [Fact]
    public void A_changed_vlan_id_or_ipvlan_mode_makes_the_device_anew()
    {
        var before = Desired();
        var after = LabLoader.LoadText("kinds.yaml", Text.Replace("id: 10,", "id: 11,", StringComparison.Ordinal).Replace("mode: l3,", "mode: l3s,", StringComparison.Ordinal)).Lab!.Desired;
        var plan = Planner.Plan(after, before).Plan;
        Assert.Contains(plan.Steps, s => s is { Action: ChangeAction.Replace, After: VlanResource { Id: 11 } });
        Assert.Contains(plan.Steps, s => s is { Action: ChangeAction.Replace, After: IpvlanResource { Mode: "l3s" } });
    }

    [Fact]
    public void The_graph_draws_stacked_devices_from_their_parent_and_a_dummy_in_its_node()
    {
        var text = MermaidWriter.Write(LabGraphBuilder.Of(Desired()));
        Assert.Contains("ipvlan", text);
        Assert.Contains("vlan", text);
        Assert.Contains("lo1: dummy", text);
    }
}

using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing;
using static Topo.Core.Tests.Planning.DockerishLab;

namespace Topo.Core.Tests.Planning;

public sealed class PlanGoldenTests
{
    [Fact]
    public void From_empty_everything_is_created_in_dependency_order()
    {
        var result = Planner.Plan(Desired, LabState.Empty(Lab));

        Assert.True(result.Ok);
        Assert.All(result.Plan.Steps, s => Assert.Equal(ChangeAction.Create, s.Action));
        Golden.Match("from-empty", PlanText.Render(result.Plan));
    }

    [Fact]
    public void In_sync_the_plan_is_empty()
    {
        var result = Planner.Plan(Desired, Applied);

        Assert.True(result.Ok);
        Assert.True(result.Plan.IsEmpty);
        Assert.Equal("No changes. The kernel matches the lab.\n", PlanText.Render(result.Plan));
    }

    [Fact]
    public void Drift_is_repaired_and_nothing_else()
    {
        var result = Planner.Plan(DriftedDesired, DriftedActual);

        Assert.True(result.Ok);
        Assert.Equal(
            [
                (ChangeAction.Delete, "address 172.17.0.99/16 on box1:eth0"),
                (ChangeAction.Update, "bridge docker0"),
                (ChangeAction.Create, "veth vethbox2 <-> box2:eth0"),
                (ChangeAction.Create, "address 172.17.0.3/16 on box2:eth0"),
                (ChangeAction.Create, "route default via 172.17.0.1 in box2"),
            ],
            result.Plan.Steps.Select(s => (s.Action, s.Subject.Describe())));
        Golden.Match("drifted", PlanText.Render(result.Plan));
    }

    [Fact]
    public void Drift_as_json()
    {
        var result = Planner.Plan(DriftedDesired, DriftedActual);

        Golden.Match("drifted-json", PlanJson.Write(result.Plan));
    }

    [Fact]
    public void The_color_rendering_paints_the_symbols()
    {
        var text = PlanText.Render(Planner.Plan(DriftedDesired, DriftedActual).Plan, color: true);

        Assert.Contains("\u001b[31m  -\u001b[0m address 172.17.0.99/16 on box1:eth0", text);
        Assert.Contains("\u001b[33m  ~\u001b[0m bridge docker0", text);
        Assert.Contains("\u001b[32m  +\u001b[0m veth vethbox2 <-> box2:eth0", text);
    }

    [Fact]
    public void Foreign_objects_in_the_way_are_conflicts_that_name_them()
    {
        var actual = new LabState(Lab,
        [
            Box2,
            new OtherLinkResource(new LinkEnd(Netns.Host, "docker0"), "dummy"),
            Owned(Box1),
        ]);

        var result = Planner.Plan(Desired, actual);

        Assert.False(result.Ok);
        Assert.Equal(
            [
                "netns box2 already exists and is not owned by this lab; it is in the way of netns box2: remove or rename it, or rename it in the lab file",
                "dummy docker0 already exists and is not owned by this lab; it is in the way of bridge docker0: remove or rename it, or rename it in the lab file",
            ],
            result.Conflicts.Select(c => c.Message));
        Assert.DoesNotContain(result.Plan.Steps, s => s.Key == Box2.Key || s.Key == Docker0.Key);
        Golden.Match("foreign-rest", PlanText.Render(result.Plan));
    }

    [Fact]
    public void An_object_of_another_lab_is_a_conflict_that_names_the_lab()
    {
        var result = Planner.Plan(Desired, new LabState(Lab, [Box1 with { Owner = "other" }]));

        Assert.Equal(
            "netns box1 already exists and is not owned by this lab (it belongs to lab 'other'); it is in the way of netns box1: remove or rename it, or rename it in the lab file",
            Assert.Single(result.Conflicts).Message);
    }

    [Fact]
    public void Down_deletes_namespaces_with_their_contents_and_the_host_side_objects()
    {
        var foreign = new Resource[]
        {
            new NamespaceResource("other"),
            new OtherLinkResource(new LinkEnd(Netns.Host, "eth0"), "device"),
            new SysctlResource(Netns.Host, "net.ipv4.conf.all.rp_filter", "2"),
        };

        var result = Planner.Plan(LabState.Empty(Lab), Applied with { Resources = [.. Applied.Resources, .. foreign] });

        Assert.True(result.Ok);
        Assert.All(result.Plan.Steps, s => Assert.Equal(ChangeAction.Delete, s.Action));
        Assert.DoesNotContain(result.Plan.Steps, s => foreign.Any(f => f.Key == s.Key));
        Golden.Match("down", PlanText.Render(result.Plan));
    }

    [Fact]
    public void A_replaced_veth_takes_its_dependents_and_they_are_made_again()
    {
        var renamed = Veth("box1", "eth1", "vethbox1");
        var address = new AddressResource("box1", "eth1", "172.17.0.2/16");
        var desired = new LabState(Lab,
        [
            .. Resources.Except([Veth1, Box1Address, Box1Default]),
            renamed, address, DefaultRoute(address) with { Device = "eth1" },
        ]);
        var actual = Applied with
        {
            Resources = [.. Applied.Resources.Select(r => r.Key == Box1Default.Key ? Owned(Box1Default with { Device = "eth0" }) : r)],
        };

        var result = Planner.Plan(desired, actual);

        Assert.Equal(
            [
                (ChangeAction.Replace, "veth vethbox1 <-> box1:eth1"),
                (ChangeAction.Create, "address 172.17.0.2/16 on box1:eth1"),
                (ChangeAction.Create, "route default via 172.17.0.1 dev eth1 in box1"),
            ],
            result.Plan.Steps.Select(s => (s.Action, s.Subject.Describe())));
        Assert.NotNull(result.Plan.Steps[2].Before);
        Golden.Match("replace", PlanText.Render(result.Plan));
    }

    private static LabState DriftedDesired =>
        new(Lab, [.. Resources.Select(r => r == Docker0 ? new BridgeResource(Docker0.Device with { Mtu = 1400 }) : r)]);

    private static LabState DriftedActual => new(Lab,
    [
        .. Applied.Resources.Where(r => r.Key != Veth2.Key && r.Key != Box2Address.Key && r.Key != Box2Default.Key && r.Key != Docker0.Key),
        Owned(new BridgeResource(Docker0.Device with { Mtu = 1500 })),
        Owned(new AddressResource("box1", "eth0", "172.17.0.99/16")),
    ]);
}

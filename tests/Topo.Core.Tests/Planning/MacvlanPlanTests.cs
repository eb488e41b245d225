using Topo.Cli.Output;
using Topo.Core.Parsing;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Validation;

namespace Topo.Core.Tests.Planning;

/// <summary>A macvlan in the plan: after its parent, gone with its parent, and a parent the lab only names must be there.</summary>
public sealed class MacvlanPlanTests
{
    private const string OwnParent = """
        version: 1
        lab: mv
        nodes: {gw: {}, box1: {}}
        links:
          - {type: macvlan, parent: host:lan0, endpoint: box1:mv0, addresses: {box1:mv0: 192.168.50.10/24}}
          - [host:lan0, gw:eth0]
        """;

    private const string NamedParent = """
        version: 1
        lab: mv
        nodes: {box1: {}, box2: {}}
        links:
          - {type: macvlan, parent: host:uplink9, endpoint: box1:mv0}
          - {type: macvlan, parent: host:uplink9, endpoint: box2:mv0}
        """;

    [Fact]
    public void A_macvlan_is_made_after_its_parent_and_its_namespace_even_when_written_first()
    {
        var desired = Desired(OwnParent);

        var steps = Planner.Plan(desired, LabState.Empty("mv")).Plan.Steps.Select(s => s.Subject.Describe()).ToList();

        var macvlan = steps.IndexOf("macvlan box1:mv0 on host:lan0 (mode bridge)");
        Assert.True(macvlan > steps.IndexOf("veth gw:eth0 <-> host:lan0") && macvlan > steps.IndexOf("netns box1"), string.Join("\n", steps));
        Assert.True(steps.IndexOf("address 192.168.50.10/24 on box1:mv0") > macvlan);
    }

    [Fact]
    public void A_replaced_parent_takes_its_macvlan_along_which_is_then_made_again_after_it()
    {
        var desired = Desired(OwnParent);
        var actual = Applied(desired);
        // The kernel holds the pair with a peer the file does not want: the pair must be made anew.
        var wrongPeer = VethResource.Of(new LinkEnd(Netns.Host, "lan0"), new LinkEnd("gw", "eth1")) with { Owner = "mv" };
        actual = actual with { Resources = [.. actual.Resources.Where(r => r is not VethResource), wrongPeer] };

        var steps = Planner.Plan(desired, actual).Plan.Steps;

        var rebuilt = steps.Select((s, i) => (s, i)).Single(p => p.s.Subject is MacvlanResource);
        Assert.Equal(ChangeAction.Create, rebuilt.s.Action);
        Assert.NotNull(rebuilt.s.Before);
        Assert.True(rebuilt.i > steps.ToList().FindIndex(s => s.Subject is VethResource && s.After is not null));
        Assert.Contains("re-created: it goes with veth", PlanText.Render(new Plan("mv", steps)), StringComparison.Ordinal);
    }

    [Fact]
    public void Down_deletes_no_macvlan_whose_namespace_or_parent_goes_anyway()
    {
        var actual = Applied(Desired(OwnParent));

        var steps = Planner.Plan(LabState.Empty("mv"), actual).Plan.Steps;

        Assert.DoesNotContain(steps, s => s.Subject is MacvlanResource);
        Assert.All(steps, s => Assert.Equal(ChangeAction.Delete, s.Action));
    }

    [Fact]
    public void A_parent_the_lab_only_names_is_never_planned_and_its_absence_is_a_conflict_naming_the_link()
    {
        var desired = Desired(NamedParent);
        Assert.Single(desired.Resources.OfType<ExternalLinkResource>());

        var missing = Planner.Plan(desired, LabState.Empty("mv"));
        var present = Planner.Plan(desired, new LabState("mv", [new OtherLinkResource(new LinkEnd(Netns.Host, "uplink9"), "device")]));

        var conflict = Assert.Single(missing.Conflicts);
        Assert.Equal("links[0]: parent 'host:uplink9' does not exist; an interface the lab only names must be there before apply (create it, or name another parent)", conflict.Message);
        Assert.True(present.Ok);
        Assert.DoesNotContain(present.Plan.Steps, s => s.Subject is ExternalLinkResource or OtherLinkResource);
        Assert.Equal(ObjectState.Conflict, StatusReport.Of(desired, missing).Rows.Single(r => r.Resource is ExternalLinkResource).State);
    }

    [Fact]
    public void Down_leaves_a_named_parent_alone()
    {
        var desired = Desired(NamedParent);
        var uplink = new OtherLinkResource(new LinkEnd(Netns.Host, "uplink9"), "device");
        var actual = new LabState("mv", [.. Applied(desired).Resources.Where(r => r is not ExternalLinkResource), uplink]);

        var steps = Planner.Plan(LabState.Empty("mv"), actual).Plan.Steps;

        Assert.DoesNotContain(steps, s => s.Key == uplink.Key);
        Assert.True(Planner.Plan(desired, actual).Plan.IsEmpty);
    }

    [Fact]
    public void A_macvlan_on_another_parent_or_in_another_mode_is_made_anew_and_its_mtu_is_changed_in_place()
    {
        var want = new MacvlanResource(new LinkEnd("box1", "mv0", Mtu: 1400), new ResourceKey(ResourceKind.Link, Netns.Host, "lan0"), "bridge");
        var held = (MacvlanResource m) => new LabState("mv", [m with { Owner = "mv" }]);

        var vepa = Planner.Plan(new LabState("mv", [want]), held(want with { Mode = "vepa" })).Plan.Steps.Single();
        var moved = Planner.Plan(new LabState("mv", [want]), held(want with { Parent = new ResourceKey(ResourceKind.Link, Netns.Host, "lan1") })).Plan.Steps.Single();
        var mtu = Planner.Plan(new LabState("mv", [want]), held(want with { Device = want.Device with { Mtu = 1500 } })).Plan.Steps.Single();

        Assert.Equal((ChangeAction.Replace, "mode"), (vepa.Action, vepa.Attrs.Single().Name));
        Assert.Equal((ChangeAction.Replace, "parent"), (moved.Action, moved.Attrs.Single().Name));
        Assert.Equal((ChangeAction.Update, new AttrChange("mtu", "1500", "1400")), (mtu.Action, mtu.Attrs.Single()));
    }

    private static LabState Desired(string text)
    {
        var result = LabValidator.Validate(LabParser.Parse(text).Lab!);
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics.Select(d => d.Format("lab.yaml"))));
        return result.Lab!.Desired;
    }

    /// <summary>What the kernel would read back after applying: everything the lab made, marked; a named parent is not the lab's.</summary>
    private static LabState Applied(LabState desired) =>
        new(desired.Lab, [.. desired.Resources.Where(r => !r.IsExternal)]);
}

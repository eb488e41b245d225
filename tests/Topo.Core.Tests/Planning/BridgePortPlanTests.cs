using Topo.Core.Parsing;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Validation;

namespace Topo.Core.Tests.Planning;

/// <summary>A machine's interface in a lab bridge: enslaved after the bridge, moved in place, waited for when absent, released on down.</summary>
public sealed class BridgePortPlanTests
{
    private const string Lab = """
        version: 1
        lab: bp
        bridges:
          br0: {ports: [host:eth1]}
          br1: {}
        """;

    private static readonly OtherLinkResource Eth1 = new(new LinkEnd(Netns.Host, "eth1"), "device");

    private static LabState Desired(string yaml) => LabValidator.Validate(LabParser.Parse(yaml).Lab!).Lab!.Desired;

    [Fact]
    public void The_port_is_made_after_its_bridge_when_the_interface_is_there()
    {
        var steps = Planner.Plan(Desired(Lab), new LabState("bp", [Eth1])).Plan.Steps.Select(s => s.Subject.Describe()).ToList();

        Assert.True(steps.IndexOf("port host:eth1 of bridge br0") > steps.IndexOf("bridge host:br0"), string.Join("\n", steps));
        Assert.DoesNotContain(steps, s => s.Contains("device host:eth1", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_the_interface_the_port_waits_and_nothing_fails()
    {
        var result = Planner.Plan(Desired(Lab), LabState.Empty("bp"));

        Assert.True(result.Ok);
        Assert.DoesNotContain(result.Plan.Steps, s => s.Subject is BridgePortResource);
        Assert.Equal("port host:eth1 of bridge br0 waits: there is no interface host:eth1", Waiting.Line(Assert.Single(result.Waiting)));
        Assert.Equal(ObjectState.Missing, StatusReport.Of(Desired(Lab), result).Rows.Single(r => r.Resource is BridgePortResource).State);
    }

    [Fact]
    public void A_port_moved_to_another_bridge_changes_master_in_place()
    {
        var moved = Lab.Replace("br0: {ports: [host:eth1]}\n  br1: {}", "br0: {}\n  br1: {ports: [host:eth1]}");
        var actual = Desired(Lab).Resources.Append(Eth1).ToList();

        var step = Assert.Single(Planner.Plan(Desired(moved), new LabState("bp", [.. actual])).Plan.Steps);

        Assert.Equal(ChangeAction.Update, step.Action);
        Assert.Equal(new AttrChange("master", "br0", "br1"), Assert.Single(step.Attrs));
    }

    [Fact]
    public void Down_deletes_the_bridge_which_frees_the_port_and_never_touches_the_interface()
    {
        var actual = new LabState("bp", [.. Desired(Lab).Resources, Eth1]);

        var steps = Planner.Plan(LabState.Empty("bp"), actual).Plan.Steps;

        Assert.DoesNotContain(steps, s => s.Subject is OtherLinkResource);
        Assert.Contains(steps, s => s.Subject is BridgeResource { Device.Name: "br0" } && s.Action == ChangeAction.Delete);
    }
}

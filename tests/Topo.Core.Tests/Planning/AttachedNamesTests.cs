using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Planning;

/// <summary>With the file at hand, plans name an attached namespace by its node and path, not by the path alone.</summary>
public sealed class AttachedNamesTests
{
    private const string Proc = "/proc/4242/ns/net";

    private static readonly LabState Desired = LabLoader.LoadText("att.yaml", $"""
        version: 1
        lab: att
        bridges:
          br-att: {"{"}subnet: 10.70.0.0/24{"}"}
        nodes:
          web: {"{"}netns: {Proc}{"}"}
          side: {"{"}{"}"}
        links:
          - [web:eth0, br-att]
          - endpoints: [web:eth1, side:eth0]
            addresses: {"{"}web:eth1: 10.72.0.1/24, side:eth0: 10.72.0.2/24{"}"}
        """).Lab!.Desired;

    private static readonly Plan FromEmpty = Planner.Plan(Desired, LabState.Empty("att")).Plan;

    [Fact]
    public void The_plan_text_names_the_attached_namespace_by_its_node()
    {
        var text = PlanText.Render(FromEmpty, names: NamespaceNames.Of(Desired));

        Assert.Contains($"netns web ({Proc}):\n", text);
        Assert.Contains($"  + veth web ({Proc}):eth1 <-> side:eth0\n", text);
        Assert.Contains($"  + address 10.70.0.2/24 on web ({Proc}):eth0\n", text);
        Assert.Contains($"  + route default via 10.70.0.1 in web ({Proc})\n", text);
        Assert.Matches($@"\+ veth veth[0-9a-f]{{8}} <-> web \({Proc}\):eth0\n", text);
    }

    [Fact]
    public void The_explained_plan_names_it_too_while_its_commands_keep_the_path()
    {
        var text = ExplainText.Render(FromEmpty, names: NamespaceNames.Of(Desired));

        Assert.Contains($"  + address 10.70.0.2/24 on web ({Proc}):eth0\n", text);
        Assert.Contains($"$ nsenter --net={Proc} ip addr add 10.70.0.2/24 dev eth0\n", text);
    }

    [Fact]
    public void Without_the_file_the_path_stands_alone()
    {
        var text = PlanText.Render(FromEmpty);

        Assert.Contains($"netns {Proc}:\n", text);
        Assert.Contains($"  + address 10.70.0.2/24 on {Proc}:eth0\n", text);
        Assert.DoesNotContain("web (", text);
    }
}

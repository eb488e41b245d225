using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Tests.Validation;
using Topo.Testing;

namespace Topo.Core.Tests.Planning;

/// <summary>The plan of a dual-stack lab: both gateways on the bridge, an address per family on each node, a default route per family.</summary>
public sealed class DualStackPlanGoldenTests
{
    private static LabBuilder Lab() => new LabBuilder().Lab("dual")
        .DualStackBridge("br0", ["172.20.0.0/16", "fd00:20::/64"], ipRanges: ["172.20.240.0/20", "fd00:20::1000/116"])
        .DualStackBridge("br6", ["fd00:30::/64"])
        .Nodes("box1", "box2")
        .Link("box1:eth0", "br0")
        .Link("box2:eth0", "br0")
        .Link("box2:eth1", "br6");

    [Fact]
    public void From_empty_each_node_gets_an_address_and_a_default_route_per_family()
    {
        var lab = Lab().Valid();
        var result = Planner.Plan(lab.Desired, LabState.Empty("dual"));

        Assert.True(result.Ok);
        Golden.Match("dual-stack-from-empty", PlanText.Render(result.Plan));
    }

    [Fact]
    public void From_empty_a_masqueraded_dual_stack_bridge_and_a_port_fill_both_tables()
    {
        var lab = new LabBuilder().Lab("dual")
            .DualStackBridge("br0", ["172.20.0.0/16", "fd00:20::/64"], masquerade: true)
            .Node("web", ports: ["8080:80", "8000-8002:9000-9002/udp"])
            .Link("web:eth0", "br0")
            .Valid();
        var result = Planner.Plan(lab.Desired, LabState.Empty("dual"));

        Assert.True(result.Ok);
        Golden.Match("dual-stack-nat-from-empty", PlanText.Render(result.Plan));
        Golden.Match("dual-stack-nat-rules", lab.Desired.Resources.OfType<Topo.Core.Kinds.NftTableResource>().Single().RulesText + "\n");
    }
}

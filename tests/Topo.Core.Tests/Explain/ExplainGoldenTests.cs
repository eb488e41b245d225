using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Tests.Schema;
using Topo.Testing;
using static Topo.Core.Tests.Planning.DockerishLab;

namespace Topo.Core.Tests.Explain;

public sealed class ExplainGoldenTests
{
    [Fact]
    public void The_dockerish_example_from_empty_is_explained_step_by_step()
    {
        var lab = LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, "dockerish.yaml")).Lab!;
        var plan = Planner.Plan(lab.Desired, LabState.Empty(lab.Lab)).Plan;

        var text = ExplainText.Render(plan);

        Assert.Contains("      $ ip netns add box1\n", text);
        Assert.Contains("      $ ip -n box1 addr add 172.17.0.2/16 dev eth0\n", text);
        Assert.Contains("      $ ip -n box1 route add default via 172.17.0.1 proto 116\n", text);
        Golden.Match("dockerish-from-empty", text);
    }

    [Fact]
    public void Down_is_explained_as_deletions_and_the_host_sysctl_put_back()
    {
        var plan = Planner.Plan(LabState.Empty(Lab), Applied).Plan;

        var text = ExplainText.Render(plan);

        Assert.Contains("      $ ip netns del box1\n", text);
        Assert.Contains("      $ rm -f /run/topo/dockerish/sysctl/net.ipv4.ip_forward\n", text);
        Assert.Contains("      $ ls /run/topo/*/sysctl/net.ipv4.ip_forward >/dev/null 2>&1 || { sysctl -w net.ipv4.ip_forward=\"$(cat /run/topo/_sysctl/net.ipv4.ip_forward)\" && rm /run/topo/_sysctl/net.ipv4.ip_forward; }\n", text);
        Golden.Match("down", text);
    }

    [Fact]
    public void Changes_in_place_and_replacements_are_explained()
    {
        var desired = new LabState(Lab,
        [
            .. Resources.Where(r => r.Key != Docker0.Key && r.Key != Veth1.Key && r.Key != Nat.Key),
            new BridgeResource(Docker0.Device with { Mtu = 1400 }),
            VethResource.Of(new LinkEnd("box1", "eth0", Mtu: 1400), new LinkEnd(Netns.Host, "vethbox1", Master: "docker0", Mtu: 1400, Hairpin: true)),
            Nat with { Rules = [.. Nat.Rules, new IsolationRule("docker0", "personal")] },
        ]);
        var actual = Applied with
        {
            Resources = [.. Applied.Resources.Select(r => r.Key == Box2Default.Key ? Owned(Box2Default with { Via = "172.17.0.254" }) : r)],
        };

        var plan = Planner.Plan(desired, actual).Plan;
        var text = ExplainText.Render(plan);

        Assert.Contains("      $ ip link set vethbox1 type bridge_slave hairpin on\n", text);
        Assert.Contains("      $ ip -n box2 route replace default via 172.17.0.1 proto 116\n", text);
        Golden.Match("changes", text);
    }

    [Fact]
    public void A_replacement_is_the_deletion_then_the_creation()
    {
        var renamed = Veth("box1", "eth1", "vethbox1");
        var desired = new LabState(Lab, [.. Resources.Where(r => r.Key != Veth1.Key && r.Key != Box1Address.Key && r.Key != Box1Default.Key), renamed]);

        var step = Assert.Single(Planner.Plan(desired, Applied).Plan.Steps, s => s.Action == ChangeAction.Replace);

        Assert.Equal(
            ["ip link del vethbox1", "ip link add vethbox1 type veth peer name eth1 netns box1"],
            StepCommands.Of(step, Lab).Take(2));
    }

    [Fact]
    public void An_empty_plan_has_nothing_to_explain()
    {
        Assert.Equal("No changes. The kernel matches the lab.\n", ExplainText.Render(Planner.Plan(Desired, Applied).Plan));
    }
}

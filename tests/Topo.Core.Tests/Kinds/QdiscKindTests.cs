using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Testing;

namespace Topo.Core.Tests.Kinds;

/// <summary>
/// A link's conditions: tc's units read into the kernel's, shown back as tc writes them, one qdisc per end (an end's own
/// settings over the link's), changed in place in a plan, explained as tc commands and drawn on the link.
/// </summary>
public sealed class QdiscKindTests
{
    [Theory]
    [InlineData("delay: 1.5s", 1_500_000L, 0UL)]
    [InlineData("delay: 10ms", 10_000L, 0UL)]
    [InlineData("delay: 250us", 250L, 0UL)]
    [InlineData("delay: 2msec", 2_000L, 0UL)]
    [InlineData("rate: 10mbit", 0L, 1_250_000UL)]
    [InlineData("rate: 1gbit", 0L, 125_000_000UL)]
    [InlineData("rate: 500kbit", 0L, 62_500UL)]
    [InlineData("rate: 1.5Mbit", 0L, 187_500UL)]
    [InlineData("rate: 1mibit", 0L, 131_072UL)]
    [InlineData("rate: 100kbps", 0L, 100_000UL)]
    [InlineData("rate: 40gbit", 0L, 5_000_000_000UL)]
    public void Times_and_rates_are_read_in_tcs_units(string setting, long delayUs, ulong rate)
    {
        var c = ConditionsOf($"{{{setting}}}").First().Conditions;

        Assert.Equal(delayUs, c.DelayUs);
        Assert.Equal(rate, c.Rate);
    }

    [Theory]
    [InlineData("1%", 42_949_673U)]
    [InlineData("0.1%", 4_294_967U)]
    [InlineData("0.5%", 21_474_836U)]
    [InlineData("100%", uint.MaxValue)]
    public void A_percentage_is_tcs_share_of_2_to_the_32(string written, uint probability)
    {
        var c = ConditionsOf($"{{loss: \"{written}\"}}").First().Conditions;

        Assert.Equal(probability, c.Loss);
        Assert.Equal(written, Conditions.Percent(c.Loss));
    }

    [Fact]
    public void Values_are_shown_as_tc_writes_them_whatever_the_spelling()
    {
        var c = ConditionsOf("{delay: 1500ms, jitter: 2000us, loss: 1%, duplicate: 0.5%, corrupt: 0.1%, rate: 1000kbit}").First().Conditions;

        Assert.Equal("delay 1.5s 2ms loss 1% duplicate 0.5% corrupt 0.1% rate 1mbit", c.Words);
        Assert.Equal("netem", c.Qdisc);
        Assert.Equal(["1.5s", "2ms", "1%", "0.5%", "0.1%", "1mbit"], c.Values.Select(v => v.Value));
        Assert.Equal("1.5mbit", Conditions.RateText(187_500));
        Assert.Equal("1001.5ms", Conditions.Time(1_001_500));
    }

    [Fact]
    public void A_rate_alone_is_tbf_with_a_bucket_of_10ms_and_at_least_16k()
    {
        Assert.Equal("tbf", ConditionsOf("{rate: 1mbit}").First().Conditions.Qdisc);
        Assert.Equal(16_384U, ConditionsOf("{rate: 1mbit}").First().Conditions.TbfBurst);
        Assert.Equal(1_250_000U, ConditionsOf("{rate: 1gbit}").First().Conditions.TbfBurst);
    }

    [Fact]
    public void Link_conditions_hold_for_both_ends_and_an_ends_own_win_key_by_key()
    {
        var qdiscs = ConditionsOf("{delay: 10ms, loss: 1%, a:eth0: {delay: 50ms}}");

        Assert.Equal(
            ["conditions on a:eth0: delay 50ms loss 1%", "conditions on b:eth0: delay 10ms loss 1%"],
            qdiscs.Select(q => q.Describe()).Order());
        Assert.All(qdiscs, q => Assert.Equal([new ResourceKey(ResourceKind.Link, q.Ns, "eth0")], q.Dependencies));
        Assert.All(qdiscs, q => Assert.Equal("demo", q.Owner));
    }

    [Fact]
    public void Only_the_ends_with_conditions_get_a_qdisc_and_a_device_link_its_endpoint()
    {
        Assert.Equal(["conditions on b:eth0: rate 1mbit"], ConditionsOf("{b:eth0: {rate: 1mbit}}").Select(q => q.Describe()));
        var macvlan = Load("""
            version: 1
            lab: demo
            nodes: {a: {}}
            links:
              - {type: macvlan, parent: host:eth9, endpoint: a:mv0, conditions: {delay: 5ms}}
            """);
        Assert.Equal(["conditions on a:mv0: delay 5ms"], macvlan.Select(q => q.Describe()));
    }

    [Fact]
    public void A_changed_delay_is_a_change_in_place_shown_and_explained_as_tc_does_it()
    {
        var desired = LabWith("{delay: 50ms}");
        var actual = LabWith("{delay: 10ms}");

        var plan = Planner.Plan(desired, actual).Plan;

        Assert.Equal([ChangeAction.Update, ChangeAction.Update], plan.Steps.Select(s => s.Action));
        var step = plan.Steps.Single(s => s.Subject.Namespace.Id == "a");
        Golden.Match("conditions-changed", PlanText.Render(plan));
        Assert.Equal("ip netns exec a tc qdisc replace dev eth0 root netem delay 50ms", StepCommands.Of(step, "demo").Single());
    }

    [Fact]
    public void A_netem_that_loses_its_corruption_or_rate_is_told_to_zero_them()
    {
        var step = Planner.Plan(LabWith("{delay: 10ms}"), LabWith("{delay: 10ms, corrupt: 1%, rate: 1mbit}")).Plan.Steps.Single(s => s.Subject.Namespace.Id == "a");

        Assert.Equal("ip netns exec a tc qdisc replace dev eth0 root netem delay 10ms corrupt 0% rate 0bit", StepCommands.Of(step, "demo").Single());
    }

    [Fact]
    public void A_qdisc_is_added_after_its_interface_and_deleted_by_its_interface()
    {
        var plan = Planner.Plan(LabWith("{rate: 10mbit}"), LabState.Empty("demo")).Plan;
        var steps = plan.Steps.Select(s => s.Subject.Describe()).ToList();

        Assert.True(steps.IndexOf("veth a:eth0 <-> b:eth0") < steps.IndexOf("conditions on a:eth0: rate 10mbit"), string.Join("\n", steps));
        var add = plan.Steps.Single(s => s.Subject is QdiscResource { Ns.Id: "a" });
        Assert.Equal("ip netns exec a tc qdisc add dev eth0 root tbf rate 10mbit burst 16384 latency 50ms", StepCommands.Of(add, "demo").Single());
        Assert.Equal("ip netns exec a tc qdisc del dev eth0 root", StepCommands.Of(new Change(ChangeAction.Delete, add.After, null, []), "demo").Single());
    }

    [Fact]
    public void The_graph_labels_each_end_with_its_conditions()
    {
        var graph = LabGraphBuilder.Of(LabWith("{delay: 10ms, a:eth0: {rate: 1mbit}}"));

        var edge = graph.Edges.Single(e => e.Kind == GraphEdgeKind.Veth);
        Assert.Equal(
            ["eth0\n10.9.0.1/24\ndelay 10ms rate 1mbit", "eth0\n10.9.0.2/24\ndelay 10ms"],
            new[] { edge.TailLabel!, edge.HeadLabel! }.Order(StringComparer.Ordinal));
    }

    private static LabState LabWith(string conditions)
    {
        var loaded = LabLoader.LoadText("demo.yaml", Text(conditions));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Lines));
        return loaded.Lab!.Desired;
    }

    private static List<QdiscResource> ConditionsOf(string conditions) => [.. LabWith(conditions).Resources.OfType<QdiscResource>()];

    private static List<QdiscResource> Load(string text)
    {
        var loaded = LabLoader.LoadText("demo.yaml", text);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Lines));
        return [.. loaded.Lab!.Desired.Resources.OfType<QdiscResource>()];
    }

    private static string Text(string conditions) => $"""
        version: 1
        lab: demo
        nodes: {"{a: {}, b: {}}"}
        links:
          - endpoints: [a:eth0, b:eth0]
            addresses: {"{a:eth0: 10.9.0.1/24, b:eth0: 10.9.0.2/24}"}
            conditions: {conditions}
        """;
}

using Topo.Cli.Output;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Cli.Tests;

public sealed class CountedTests
{
    [Theory]
    [InlineData(0, "0 steps")]
    [InlineData(1, "1 step")]
    [InlineData(2, "2 steps")]
    public void A_count_takes_its_noun_in_the_right_number(int count, string expected) =>
        Assert.Equal(expected, Counted.Of(count, "step", "steps"));

    [Fact]
    public void The_summary_of_a_lab_says_one_namespace_not_one_namespaces()
    {
        var state = new LabState("one", [new NamespaceResource("box")]);

        Assert.StartsWith("1 namespace, 0 bridges, ", LabSummary.Describe(state));
    }
}

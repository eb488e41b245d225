using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Core.Kinds;

namespace Topo.Cli.Tests.Output;

/// <summary>The engine hands over what remains after an apply that did not converge; the CLI words it.</summary>
public sealed class VerificationFailureTextTests
{
    [Fact]
    public void The_remaining_plan_its_conflicts_and_the_undo_are_shown_as_one_message()
    {
        var wanted = new NamespaceResource("ns1");
        var remaining = Planner.Plan(new LabState("lab", [wanted]), LabState.Empty("lab")).Plan;
        var conflict = new PlanConflict(new NamespaceResource("ns2"), new NamespaceResource("ns2") { Owner = "other" });

        var text = VerificationFailureText.Of(new VerificationFailedException(new PlanResult(remaining, [conflict]), RunAftermath.Undone(["it went wrong"])));

        Assert.Equal(
            "after apply the kernel still differs from the lab:\n" +
            "netns ns1:\n  + netns ns1\n\nPlan: 1 to add, 0 to change, 0 to destroy.\n" +
            "netns ns2 already exists and is not owned by this lab (it belongs to lab 'other'); it is in the way of netns ns2: remove or rename it, or rename it in the lab file\n" +
            "undoing this run's changes also failed:\n  it went wrong",
            text);
    }

    [Fact]
    public void The_exception_itself_renders_no_plan()
    {
        var remaining = Planner.Plan(new LabState("lab", [new NamespaceResource("ns1")]), LabState.Empty("lab")).Plan;

        var failure = new VerificationFailedException(new PlanResult(remaining, []), RunAftermath.Undone([]));

        Assert.Equal("after apply the kernel still differs from the lab; the kernel was put back as it was before this run", failure.Message);
        Assert.Same(remaining, failure.Remaining.Plan);
    }
}

using Topo.Linux.Execute;

namespace Topo.Cli.Output;

/// <summary>An apply that did not converge, as the user reads it: the plan that remains, its conflicts, and what was undone.</summary>
public static class VerificationFailureText
{
    public static string Of(VerificationFailedException failure) =>
        VerificationFailedException.Heading + ":\n" + PlanText.Render(failure.Remaining.Plan) +
        string.Concat(failure.Remaining.Conflicts.Select(c => c.Message + "\n")) + failure.Undone;
}

using Topo.Core.Planning;

namespace Topo.Linux.Execute;

/// <summary>
/// A step the kernel refused. The message names the step, the object and the kernel's own words,
/// and says whether what the run had done was undone.
/// </summary>
public sealed class ApplyFailedException(Change step, int number, KernelException error, RunAftermath aftermath)
    : Exception(Compose(step, number, error, aftermath), error)
{
    public Change Step { get; } = step;

    public int Number { get; } = number;

    public KernelException Error { get; } = error;

    public RunAftermath Aftermath { get; } = aftermath;

    public IReadOnlyList<string> RollbackErrors => Aftermath.UndoErrors;

    private static string Compose(Change step, int number, KernelException error, RunAftermath aftermath) =>
        $"step {number} failed ({step.Action.ToString().ToLowerInvariant()} {step.Subject.Describe()}): {error.Message}\n{aftermath.Text}";
}

/// <summary>
/// After a complete apply, the kernel still differs from the file (a step to do, or a conflict); the run was undone.
/// The engine renders no plan: what remains is carried as data, and the CLI shows it.
/// </summary>
public sealed class VerificationFailedException(PlanResult remaining, RunAftermath aftermath)
    : Exception(Heading + "; " + aftermath.Text)
{
    public const string Heading = "after apply the kernel still differs from the lab";

    /// <summary>What a plan made after the apply still wanted to do, and the conflicts it met.</summary>
    public PlanResult Remaining { get; } = remaining;

    public IReadOnlyList<string> RollbackErrors => aftermath.UndoErrors;

    /// <summary>What became of the run's changes, as the last line of the message says it.</summary>
    public string Undone { get; } = aftermath.Text;
}

/// <summary>A signal stopped the run between two steps; an apply's run was undone, a down stopped there.</summary>
public sealed class RunInterruptedException(int done, int count, RunAftermath aftermath)
    : Exception($"stopped after {done} of {count} steps; " + (done == 0 && aftermath.Clean ? "nothing was changed" : aftermath.Text));

/// <summary>Wanted objects whose names the kernel gives to something the lab does not own: nothing was changed.</summary>
public sealed class ConflictException(IReadOnlyList<PlanConflict> conflicts)
    : Exception(string.Join("\n", conflicts.Select(c => c.Message)) + "\nnothing was changed")
{
    public IReadOnlyList<PlanConflict> Conflicts { get; } = conflicts;
}

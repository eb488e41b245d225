using Topo.Core.Planning;

namespace Topo.Linux.Execute;

/// <summary>
/// A step the kernel refused. The message names the step, the object and the kernel's own words,
/// and says whether what the run had done was undone.
/// </summary>
public sealed class ApplyFailedException(Change step, int number, KernelException error, IReadOnlyList<string> rollbackErrors)
    : Exception(Compose(step, number, error, rollbackErrors), error)
{
    public Change Step { get; } = step;

    public int Number { get; } = number;

    public KernelException Error { get; } = error;

    public IReadOnlyList<string> RollbackErrors { get; } = rollbackErrors;

    private static string Compose(Change step, int number, KernelException error, IReadOnlyList<string> rollbackErrors)
    {
        var head = $"step {number} failed ({step.Action.ToString().ToLowerInvariant()} {step.Subject.Describe()}): {error.Message}";
        return head + "\n" + Undone(rollbackErrors);
    }

    /// <summary>What became of the run's changes, by the undo's errors (for down, what to do next).</summary>
    internal static string Undone(IReadOnlyList<string> rollbackErrors) => rollbackErrors.Count == 0
        ? "the kernel was put back as it was before this run"
        : rollbackErrors is [StoppedDown] ? StoppedDown : "undoing this run's changes also failed:\n  " + string.Join("\n  ", rollbackErrors);

    internal const string StoppedDown = "down stopped here; run it again to finish";
}

/// <summary>
/// After a complete apply, the kernel still differs from the file (a step to do, or a conflict); the run was undone.
/// The engine renders no plan: what remains is carried as data, and the CLI shows it.
/// </summary>
public sealed class VerificationFailedException(PlanResult remaining, IReadOnlyList<string> rollbackErrors)
    : Exception(Heading + "; " + ApplyFailedException.Undone(rollbackErrors))
{
    public const string Heading = "after apply the kernel still differs from the lab";

    /// <summary>What a plan made after the apply still wanted to do, and the conflicts it met.</summary>
    public PlanResult Remaining { get; } = remaining;

    public IReadOnlyList<string> RollbackErrors { get; } = rollbackErrors;

    /// <summary>What became of the run's changes, as the last line of the message says it.</summary>
    public string Undone { get; } = ApplyFailedException.Undone(rollbackErrors);
}

/// <summary>A signal stopped the run between two steps; an apply's run was undone, a down stopped there.</summary>
public sealed class RunInterruptedException(int done, int count, IReadOnlyList<string> rollbackErrors)
    : Exception($"stopped after {done} of {count} steps; " + (done == 0 && rollbackErrors.Count == 0 ? "nothing was changed" : ApplyFailedException.Undone(rollbackErrors)));

/// <summary>Wanted objects whose names the kernel gives to something the lab does not own: nothing was changed.</summary>
public sealed class ConflictException(IReadOnlyList<PlanConflict> conflicts)
    : Exception(string.Join("\n", conflicts.Select(c => c.Message)) + "\nnothing was changed")
{
    public IReadOnlyList<PlanConflict> Conflicts { get; } = conflicts;
}

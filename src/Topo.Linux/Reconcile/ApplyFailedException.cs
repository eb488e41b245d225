using Topo.Core.Planning;

namespace Topo.Linux.Reconcile;

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
        return rollbackErrors.Count == 0
            ? head + "\nthe kernel was put back as it was before this run"
            : head + "\nundoing this run's changes also failed:\n  " + string.Join("\n  ", rollbackErrors);
    }
}

/// <summary>After a complete apply, the kernel still differs from the file.</summary>
public sealed class VerificationFailedException(Plan remaining)
    : Exception("after apply the kernel still differs from the lab:\n" + PlanTextRenderer.Render(remaining));

/// <summary>Wanted objects whose names the kernel gives to something the lab does not own: nothing was changed.</summary>
public sealed class ConflictException(IReadOnlyList<PlanConflict> conflicts)
    : Exception(string.Join("\n", conflicts.Select(c => c.Message)) + "\nnothing was changed")
{
    public IReadOnlyList<PlanConflict> Conflicts { get; } = conflicts;
}

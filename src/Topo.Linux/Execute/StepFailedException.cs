namespace Topo.Linux.Execute;

/// <summary>
/// Step <see cref="Index"/> (from 0) of a plan handed over whole was refused; the steps before it are
/// in the kernel. Steps after it that were sent in the same batch may be too: only a fresh read tells.
/// </summary>
public sealed class StepFailedException(int index, KernelException error) : Exception(error.Message, error)
{
    public int Index { get; } = index;

    public KernelException Error { get; } = error;

    /// <summary>Of two failures (either may be none), the one of the earlier step: the one a run reports.</summary>
    public static StepFailedException? Earliest(StepFailedException? a, StepFailedException? b) =>
        a is null ? b : b is null ? a : a.Index <= b.Index ? a : b;
}

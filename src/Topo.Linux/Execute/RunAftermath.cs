namespace Topo.Linux.Execute;

/// <summary>
/// What became of the changes of a run that failed or was stopped: an apply's were undone (<see cref="UndoErrors"/>
/// are the undo steps the kernel refused, none when everything went back); a down's stay where it stopped, for the
/// next down to finish, since undoing a deletion would make again what the user asked to remove.
/// </summary>
public sealed record RunAftermath
{
    private RunAftermath(IReadOnlyList<string> undoErrors, bool leftForNextRun)
    {
        UndoErrors = undoErrors;
        LeftForNextRun = leftForNextRun;
    }

    public static RunAftermath Undone(IReadOnlyList<string> undoErrors) => new(undoErrors, false);

    public static RunAftermath DownStopped => new([], true);

    public IReadOnlyList<string> UndoErrors { get; }

    public bool LeftForNextRun { get; }

    /// <summary>Nothing is left to say: every change went back, or there was none.</summary>
    public bool Clean => !LeftForNextRun && UndoErrors.Count == 0;

    /// <summary>The last line of the failure's message.</summary>
    public string Text =>
        LeftForNextRun ? "down stopped here; run it again to finish"
        : UndoErrors.Count == 0 ? "the kernel was put back as it was before this run"
        : "undoing this run's changes also failed:\n  " + string.Join("\n  ", UndoErrors);
}

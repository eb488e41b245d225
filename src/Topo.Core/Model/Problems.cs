using System.Collections.Immutable;

namespace Topo.Core.Model;

/// <summary>
/// The diagnostics of one parse or one validation run: every reader and rule adds here and goes on,
/// so the user sees all errors at once.
/// </summary>
internal sealed class Problems
{
    private readonly List<Diagnostic> _found = [];

    public bool Any => _found.Count > 0;

    public void Add(SourceMark mark, string path, string message) => _found.Add(new Diagnostic(mark, path, message));

    /// <summary>
    /// In file order: readers and rules visit in their own order, the user reads top to bottom.
    /// OrderBy is stable, so two errors at one place keep the order they were found in.
    /// </summary>
    public ImmutableArray<Diagnostic> Sorted() =>
        [.. _found.OrderBy(d => d.Mark.Line).ThenBy(d => d.Mark.Column)];
}

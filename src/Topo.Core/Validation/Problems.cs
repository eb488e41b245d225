using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>The diagnostics of one validation run: every rule adds here and goes on, so the user sees all errors at once.</summary>
internal sealed class Problems
{
    private readonly List<Diagnostic> _found = [];

    public bool Any => _found.Count > 0;

    public void Add(SourceMark mark, string path, string message) => _found.Add(new Diagnostic(mark, path, message));

    /// <summary>In file order; OrderBy is stable, so two errors at one place keep the order the rules found them.</summary>
    public ImmutableArray<Diagnostic> Sorted() =>
        [.. _found.OrderBy(d => d.Mark.Line).ThenBy(d => d.Mark.Column)];
}

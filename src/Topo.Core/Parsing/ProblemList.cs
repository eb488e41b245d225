using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>The diagnostics of one parse, collected as the readers find them.</summary>
internal sealed class ProblemList
{
    private readonly List<Diagnostic> items = [];

    public bool IsEmpty => items.Count == 0;

    public void Add(SourceMark mark, string path, string message) => items.Add(new Diagnostic(mark, path, message));

    /// <summary>Readers visit a mapping's checks in their own order; the user reads top to bottom.</summary>
    public ImmutableArray<Diagnostic> InFileOrder() =>
        [.. items.OrderBy(d => d.Mark.Line).ThenBy(d => d.Mark.Column)];
}

using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// The parsed lab, or the reasons there is none. <see cref="Lab"/> is null whenever
/// <see cref="Diagnostics"/> is not empty: a half-read file is never handed on.
/// </summary>
public sealed record ParseResult(LabFile? Lab, ImmutableArray<Diagnostic> Diagnostics)
{
    public bool Ok => Lab is not null && Diagnostics.IsEmpty;
}

using System.Collections.Immutable;

namespace Topo.Core.Planning;

/// <summary>The ordered steps that make the kernel match the file: deletions first (dependents before what they need), then the rest in dependency order.</summary>
public sealed record Plan(string Lab, ImmutableArray<Change> Steps)
{
    public bool IsEmpty => Steps.IsEmpty;

    public int Count(ChangeAction action) => Steps.Count(s => s.Action == action);
}

using System.Collections.Immutable;

namespace Topo.Core.Planning;

/// <summary>The ordered steps that make the kernel match the file: deletions first (dependents before what they need), then the rest in dependency order.</summary>
public sealed record Plan(string Lab, ImmutableArray<Change> Steps)
{
    public bool IsEmpty => Steps.IsEmpty;

    /// <summary>
    /// Wanted objects left out because what they stand on outside the lab is not there (a bridge port's interface):
    /// not an error, so the rest is applied; <c>status</c> shows them missing, and a later apply makes them.
    /// </summary>
    public ImmutableArray<State.Resource> Waiting { get; init; } = [];

    public int Count(ChangeAction action) => Steps.Count(s => s.Action == action);
}

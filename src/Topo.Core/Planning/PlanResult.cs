using System.Collections.Immutable;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>
/// A plan and the wanted objects it could not include because something the lab does not own
/// holds their names. Callers refuse to apply a plan that has conflicts.
/// </summary>
public sealed record PlanResult(Plan Plan, ImmutableArray<PlanConflict> Conflicts)
{
    public bool Ok => Conflicts.IsEmpty;

    /// <summary>Wanted objects left out for now (<see cref="Plan.Waiting"/>).</summary>
    public ImmutableArray<Resource> Waiting => Plan.Waiting;
}

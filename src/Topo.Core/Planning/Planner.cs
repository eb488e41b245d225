using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>
/// Diff, then what the kernel destroys or rewrites along the way, then order: all deletions first
/// (dependents before what they need), then replacements, updates and creations in dependency order.
/// <c>down</c> is <c>Plan(LabState.Empty(lab), actual)</c>.
/// </summary>
public static class Planner
{
    public static PlanResult Plan(LabState desired, LabState actual)
    {
        var diff = Differ.Compare(desired, actual);
        var changes = ForwardingReset.Apply(DestructionCascade.Apply(diff, actual.Resources), diff.Unchanged);
        var deletions = DependencyOrder.Reverse(changes.Where(c => c.Action == ChangeAction.Delete));
        var rest = DependencyOrder.Forward(changes.Where(c => c.Action != ChangeAction.Delete));
        return new PlanResult(new Plan(desired.Lab, [.. deletions, .. rest]) { Waiting = diff.Waiting }, diff.Conflicts);
    }
}

using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>How one object of the lab stands against the file.</summary>
public enum ObjectState
{
    InSync,
    Missing,
    Different,
    Extra,
    Conflict,
}

/// <summary>One row of <c>topo status</c>: the object, its state, and what differs (old -> new).</summary>
public sealed record StatusRow(Resource Resource, ObjectState State, ImmutableArray<AttrChange> Differences, string? Note = null);

/// <summary>
/// <c>topo status</c>: every object of the lab and how it differs from the file. It is read off
/// the plan, so status and apply can never disagree about what drift is.
/// </summary>
public sealed record StatusReport(string Lab, ImmutableArray<StatusRow> Rows)
{
    public bool InSync => Rows.All(r => r.State == ObjectState.InSync);

    public int Count(ObjectState state) => Rows.Count(r => r.State == state);

    public static StatusReport Of(LabState desired, PlanResult result)
    {
        var steps = result.Plan.Steps.ToDictionary(s => s.Key);
        var conflicts = result.Conflicts.ToDictionary(c => c.Wanted.Key, c => c);
        var waiting = result.Waiting.Select(w => w.Key).ToHashSet();
        var rows = new List<StatusRow>();
        foreach (var wanted in desired.Resources)
        {
            if (waiting.Contains(wanted.Key))
                rows.Add(new StatusRow(wanted, ObjectState.Missing, [], Waiting.Note(wanted)));
            else if (conflicts.TryGetValue(wanted.Key, out var conflict))
                rows.Add(new StatusRow(wanted, ObjectState.Conflict, [], conflict.Message));
            else if (!steps.TryGetValue(wanted.Key, out var step))
                rows.Add(new StatusRow(wanted, ObjectState.InSync, []));
            else if (step.Action == ChangeAction.Create && step.Before is null)
                rows.Add(new StatusRow(wanted, ObjectState.Missing, []));
            else
                rows.Add(new StatusRow(wanted, ObjectState.Different, step.Attrs, step.Action == ChangeAction.Replace ? "must be made anew" : null));
        }

        rows.AddRange(result.Plan.Steps.Where(s => s.Action == ChangeAction.Delete).Select(s => new StatusRow(s.Before!, ObjectState.Extra, [])));
        return new StatusReport(desired.Lab, [.. rows.OrderBy(r => r.Resource.Namespace.IsHost ? 0 : 1).ThenBy(r => r.Resource.Namespace).ThenBy(r => r.Resource.Key)]);
    }
}

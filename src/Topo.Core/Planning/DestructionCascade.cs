using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>
/// What the kernel destroys along with a deleted or replaced object, and what that means for the plan:
/// <list type="bullet">
/// <item>a deletion of something that goes anyway (an address on a deleted link, anything in a deleted namespace) is dropped;</item>
/// <item>a wanted object that goes with another becomes a <see cref="ChangeAction.Create"/> that keeps the lost
/// object as <see cref="Change.Before"/> (a re-creation: nothing left to delete, so the executor only creates);</item>
/// <item>a wanted object that survives but loses what it depends on (a port of a replaced bridge is only released)
/// becomes a <see cref="ChangeAction.Replace"/>, so it is made again after what it needs.</item>
/// </list>
/// </summary>
internal static class DestructionCascade
{
    public static ImmutableArray<Change> Apply(Diff diff, ImmutableArray<Resource> actual)
    {
        var byActual = new Dictionary<ResourceKey, Change>();
        var creations = new List<Change>();
        foreach (var change in diff.Changes)
        {
            if (change.Before is null) creations.Add(change);
            else byActual[change.Before.Key] = change;
        }

        var unchanged = diff.Unchanged.ToDictionary(u => u.Actual.Key, u => u.Desired);

        var destroyed = new HashSet<ResourceKey>();
        var carriedAway = new HashSet<ResourceKey>();
        var subsumed = new HashSet<ResourceKey>();
        var lost = new Queue<ResourceKey>();
        Dictionary<ResourceKey, int>? standing = null;

        void Destroy(Resource r)
        {
            if (!destroyed.Add(r.Key)) return;
            foreach (var k in r.AllKeys()) lost.Enqueue(k);

            // Deletions run before creations, so the footing goes once every IPv4 address on the interface is destroyed.
            if (r is AddressResource { Footing: { } footing })
            {
                standing ??= CountFootings(actual);
                if (--standing[footing] == 0) lost.Enqueue(footing);
            }
        }

        foreach (var change in byActual.Values.Where(c => c.Action is ChangeAction.Delete or ChangeAction.Replace))
        {
            Destroy(change.Before!);
        }

        // Most plans destroy nothing (in sync, or only creations): then there is no need for the indexes.
        var carried = lost.Count == 0 ? [] : Index(actual, ResourceClaims.Carriers);
        var dependents = lost.Count == 0 ? [] : Index(actual, r => r.Dependencies);

        while (lost.TryDequeue(out var key))
        {
            foreach (var r in carried.GetValueOrDefault(key) ?? [])
            {
                if (!carriedAway.Add(r.Key)) continue;
                if (byActual.TryGetValue(r.Key, out var change))
                {
                    if (change.Action == ChangeAction.Delete) subsumed.Add(r.Key);
                    else byActual[r.Key] = new Change(ChangeAction.Create, r, change.After, []);
                }
                else if (unchanged.TryGetValue(r.Key, out var want))
                {
                    byActual[r.Key] = new Change(ChangeAction.Create, r, want, []);
                }

                Destroy(r);
            }

            foreach (var r in dependents.GetValueOrDefault(key) ?? [])
            {
                if (destroyed.Contains(r.Key)) continue;
                if (byActual.TryGetValue(r.Key, out var change) && change.Action == ChangeAction.Update)
                {
                    byActual[r.Key] = change with { Action = ChangeAction.Replace };
                }
                else if (unchanged.TryGetValue(r.Key, out var want))
                {
                    byActual[r.Key] = new Change(ChangeAction.Replace, r, want, []);
                }
                else
                {
                    continue;
                }

                Destroy(r);
            }
        }

        return [.. creations, .. byActual.Values.Where(c => !subsumed.Contains(c.Before!.Key))];
    }

    /// <summary>How many IPv4 addresses each interface holds: its routes stand until the last goes.</summary>
    private static Dictionary<ResourceKey, int> CountFootings(ImmutableArray<Resource> resources)
    {
        var counts = new Dictionary<ResourceKey, int>();
        foreach (var r in resources)
        {
            if (r is AddressResource { Footing: { } footing }) counts[footing] = counts.GetValueOrDefault(footing) + 1;
        }

        return counts;
    }

    private static Dictionary<ResourceKey, List<Resource>> Index(ImmutableArray<Resource> resources, Func<Resource, IEnumerable<ResourceKey>> keys)
    {
        var index = new Dictionary<ResourceKey, List<Resource>>();
        foreach (var r in resources)
        {
            foreach (var k in keys(r))
            {
                if (!index.TryGetValue(k, out var list)) index[k] = list = [];

                // A key named twice by one object (both veth ends in one namespace) comes twice in a row.
                if (list.Count == 0 || !ReferenceEquals(list[^1], r)) list.Add(r);
            }
        }

        return index;
    }
}

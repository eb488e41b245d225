using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>A desired resource that the kernel already holds exactly as wanted.</summary>
internal sealed record InSync(Resource Actual, Resource Desired);

/// <summary>The unordered result of comparing desired with actual state.</summary>
internal sealed record Diff(ImmutableArray<Change> Changes, ImmutableArray<InSync> Unchanged, ImmutableArray<PlanConflict> Conflicts)
{
    /// <summary>Wanted objects whose outside interface is not there (<see cref="Resource.WaitsFor"/>): neither made nor in conflict.</summary>
    public ImmutableArray<Resource> Waiting { get; init; } = [];
}

/// <summary>
/// Compares desired and actual state resource by resource. Knows ownership and attributes;
/// knows nothing of what the kernel destroys along with an object (<see cref="DestructionCascade"/>)
/// nor of order (<see cref="DependencyOrder"/>).
/// </summary>
internal static class Differ
{
    public static Diff Compare(LabState desired, LabState actual)
    {
        var lab = desired.Lab;
        var wanted = ByKey(desired.Resources, "desired");
        var holders = ByClaim(ByKey(actual.Resources, "actual"), actual.Resources);
        HashSet<ResourceKey>? wantedClaims = null;

        var changes = new List<Change>();
        var unchanged = new List<InSync>();
        var conflicts = new List<PlanConflict>();
        var waiting = new List<Resource>();

        foreach (var want in desired.Resources)
        {
            if (want.WaitsFor is { } needed && !holders.ContainsKey(needed))
            {
                waiting.Add(want);
                continue;
            }

            var held = Holders(want, holders);
            if (want.IsExternal)
            {
                // Only its presence matters: whoever holds the name, it is never changed.
                if (held.Count == 0) conflicts.Add(new PlanConflict(want, null));
                continue;
            }

            var foreign = want.IsSetting ? [] : held.Where(h => h.Owner != lab).ToList();
            if (foreign.Count > 0)
            {
                conflicts.AddRange(foreign.Select(h => new PlanConflict(want, h)));
                continue;
            }

            // An owned holder under another key is not desired under that key (desired claims are
            // unique), so the deletion pass below removes it before this creation.
            var same = held.FirstOrDefault(h => h.Key == want.Key);
            if (same is null)
            {
                changes.Add(new Change(ChangeAction.Create, null, want, []));
                continue;
            }

            var attrs = AttrDiff(same, want, out var forcesReplacement);
            if (forcesReplacement && same.AllKeys().Except(want.AllKeys()).Any((wantedClaims ??= desired.Resources.SelectMany(ResourceClaims.AllKeys).ToHashSet()).Contains))
            {
                // The old object holds a name another wanted object needs (veth peers swapped):
                // a replacement step could not free it in time, so delete in the deletion pass and create anew.
                changes.Add(new Change(ChangeAction.Delete, same, null, []));
                changes.Add(new Change(ChangeAction.Create, null, want, []));
            }
            else if (forcesReplacement)
            {
                changes.Add(new Change(ChangeAction.Replace, same, want, attrs));
            }
            else if (!attrs.IsEmpty)
            {
                changes.Add(new Change(ChangeAction.Update, same, want, attrs));
            }
            else
            {
                unchanged.Add(new InSync(same, want));
            }
        }

        changes.AddRange(actual.Resources
            .Where(a => a.Owner == lab && !wanted.ContainsKey(a.Key))
            .Select(a => new Change(ChangeAction.Delete, a, null, [])));

        return new Diff(
            [.. changes],
            [.. unchanged],
            [.. conflicts.OrderBy(c => c.Wanted.Key).ThenBy(c => c.Existing?.Key)]) { Waiting = [.. waiting] };
    }

    /// <summary>The actual objects that hold the wanted object's key or any of its extra claims, each once.</summary>
    private static List<Resource> Holders(Resource want, Dictionary<ResourceKey, Resource> holders)
    {
        var held = new List<Resource>(1);
        foreach (var key in want.AllKeys())
        {
            if (holders.TryGetValue(key, out var h) && !held.Contains(h, ReferenceEqualityComparer.Instance)) held.Add(h);
        }

        return held;
    }

    /// <summary>The desired attributes that differ from the kernel's, skipping the ones the lab does not manage (null).</summary>
    private static ImmutableArray<AttrChange> AttrDiff(Resource actual, Resource desired, out bool forcesReplacement)
    {
        // A handful of attributes each: a linear search costs less than a dictionary.
        var held = actual.Attributes.ToArray();

        forcesReplacement = false;
        var changes = ImmutableArray.CreateBuilder<AttrChange>();
        foreach (var attr in desired.Attributes)
        {
            if (attr.Value is null) continue;
            var old = Array.Find(held, a => a.Name == attr.Name).Value;
            if (string.Equals(old, attr.Value, StringComparison.Ordinal)) continue;
            changes.Add(new AttrChange(attr.Name, old, attr.Value));
            forcesReplacement |= attr.Update == AttrUpdate.Replace;
        }

        return changes.ToImmutable();
    }

    private static Dictionary<ResourceKey, Resource> ByKey(ImmutableArray<Resource> resources, string which)
    {
        var byKey = new Dictionary<ResourceKey, Resource>(resources.Length);
        foreach (var r in resources)
        {
            if (!byKey.TryAdd(r.Key, r))
            {
                throw new ArgumentException($"the {which} state holds {r.Key} twice: {byKey[r.Key].Describe()} and {r.Describe()}");
            }
        }

        return byKey;
    }

    /// <summary>Every identity the kernel's objects occupy; an object's own key wins over another's extra claim.</summary>
    private static Dictionary<ResourceKey, Resource> ByClaim(Dictionary<ResourceKey, Resource> byKey, ImmutableArray<Resource> actual)
    {
        var byClaim = new Dictionary<ResourceKey, Resource>(byKey);
        foreach (var r in actual)
        {
            foreach (var claim in r.ExtraClaims) byClaim.TryAdd(claim, r);
        }

        return byClaim;
    }
}

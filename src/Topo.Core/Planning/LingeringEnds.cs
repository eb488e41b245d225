using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Planning;

/// <summary>
/// Deleting a namespace deletes its veths' other ends and the macvlans stacked on its interfaces
/// too, but only once the kernel has freed the namespace, a moment after the deletion returns. Until
/// then those devices are still there: a run of deletions deletes them itself first, and a command
/// that says the lab is gone waits for any still there.
/// </summary>
public static class LingeringEnds
{
    /// <summary>
    /// The ends in <paramref name="ns"/> of the veth pairs in <paramref name="state"/> whose other end
    /// was in one of the <paramref name="deleted"/> namespaces, and the macvlans there whose parent was.
    /// </summary>
    public static IReadOnlyList<string> In(Netns ns, LabState state, IEnumerable<Change> deleted) =>
        ByNamespace(state, deleted).GetValueOrDefault(ns) ?? [];

    /// <summary>As <see cref="In"/>, for every namespace that has such ends, in one pass over the state.</summary>
    public static IReadOnlyDictionary<Netns, IReadOnlyList<string>> ByNamespace(LabState state, IEnumerable<Change> deleted)
    {
        var gone = deleted
            .Where(c => c.Action is ChangeAction.Delete or ChangeAction.Replace)
            .Select(c => c.Before)
            .OfType<NamespaceResource>()
            .Select(n => Netns.Of(n.Name))
            .ToHashSet();
        return state.Resources
            .SelectMany(r => r.Tethers)
            .Where(p => gone.Contains(p.OtherNamespace) && !gone.Contains(p.Stays.Namespace))
            .GroupBy(p => p.Stays.Namespace)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(p => p.Stays.Name).Distinct(StringComparer.Ordinal)]);
    }
}

using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>
/// Deleting a namespace deletes its veths' other ends too, but only once the kernel has freed the
/// namespace, a moment after the deletion returns. Until then those ends are still there, and a
/// command that says the lab is gone must wait for them.
/// </summary>
public static class LingeringEnds
{
    /// <summary>
    /// The ends in <paramref name="ns"/> of the veth pairs in <paramref name="state"/> whose other end
    /// was in one of the <paramref name="deleted"/> namespaces.
    /// </summary>
    public static IReadOnlyList<string> In(string ns, LabState state, IEnumerable<Change> deleted)
    {
        var gone = deleted
            .Where(c => c.Action is ChangeAction.Delete or ChangeAction.Replace)
            .Select(c => c.Before)
            .OfType<NamespaceResource>()
            .Select(n => n.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (gone.Contains(ns)) return [];
        return [.. state.Resources
            .OfType<VethResource>()
            .SelectMany(v => new[] { (Stays: v.A, Other: v.B), (Stays: v.B, Other: v.A) })
            .Where(p => p.Stays.Namespace == ns && gone.Contains(p.Other.Namespace))
            .Select(p => p.Stays.Name)
            .Distinct(StringComparer.Ordinal)];
    }
}

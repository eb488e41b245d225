using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Kinds;
using Topo.Linux.Rtnl;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Execute;

/// <summary>
/// Deletes many interfaces of one namespace with one request, as <c>ip link delete group N</c> does:
/// they are put in a link group that no interface there has, and the group is deleted. The kernel
/// then frees them in one pass, where a request per interface waits for RCU each time (~16 ms).
/// Should the kernel refuse, they are deleted one at a time, so that a refusal names its interface.
/// </summary>
/// <param name="candidates">Where group numbers come from (a test's own); by default random ones above those people number by hand.</param>
internal sealed class GroupDeletion(NamespacePool pool, LinkSteps links, Func<uint>? candidates = null)
{
    private const int LowestGroup = 0x10000;

    private readonly Func<uint> _candidates = candidates ?? (() => (uint)Random.Shared.Next(LowestGroup, int.MaxValue));

    /// <summary>
    /// Deletes the interfaces of <paramref name="ns"/> named <paramref name="names"/>; one already gone is
    /// no failure. Returns each interface the kernel refused to delete, with its words.
    /// </summary>
    public IReadOnlyList<(string Name, KernelException Error)> Delete(Netns ns, IReadOnlyCollection<string> names)
    {
        if (names.Count > 1 && TryAsGroup(pool.In(ns).Client, names)) return [];
        var refused = new List<(string, KernelException)>();
        foreach (var name in names)
        {
            try
            {
                links.Delete(new LinkEnd(ns, name));
            }
            catch (KernelException e)
            {
                refused.Add((name, e));
            }
        }

        return refused;
    }

    // By index, from a dump taken now: a name that changed hands since the plan was read is not deleted.
    private bool TryAsGroup(RtnlClient client, IReadOnlyCollection<string> names)
    {
        var present = client.Links();
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        var members = present.Where(l => wanted.Contains(l.Name)).ToList();
        if (members.Count == 0) return true;
        // No interface there may have the group: deleting it would delete that one too.
        var used = present.Select(l => l.Group).Append(0u).ToHashSet();
        uint group;
        do group = _candidates();
        while (used.Contains(group));
        try
        {
            client.Apply(b =>
            {
                foreach (var link in members) b.SetGroup(link.Index, link.Name, group);
                b.DeleteGroup(group);
            });
            return true;
        }
        catch (KernelException)
        {
            // The kernel deletes a group whole or not at all: what is still there goes back to its own
            // group, then is deleted one by one, where a refusal names its interface.
            var was = members.ToDictionary(l => l.Index, l => l.Group);
            var taken = client.Links().Where(l => l.Group == group && was.ContainsKey(l.Index)).ToList();
            if (taken.Count > 0) client.Apply(b => taken.ForEach(l => b.SetGroup(l.Index, l.Name, was[l.Index])));
            return false;
        }
    }
}

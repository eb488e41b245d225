using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Planning;

/// <summary>
/// Kahn's algorithm over the steps of one phase, the ready set ordered by <see cref="ResourceKey"/>
/// so the same steps always come out in the same order: creations kind by kind as
/// <see cref="ResourceKind"/> lists them (a namespace's global sysctls before its per-interface ones), deletions in the reverse order of kinds, so that a lab
/// comes down as it went up, backwards (its nftables table first, its namespaces last).
/// A dependency that no step of the phase provides is taken as satisfied (it exists, or validation reports it missing).
/// </summary>
internal static class DependencyOrder
{
    /// <summary>Creations and changes: each step after the steps that make what it depends on.</summary>
    public static ImmutableArray<Change> Forward(IEnumerable<Change> steps) =>
        Sort(steps.Order(WritingOrder), c => c.Subject, dependentsFirst: false);

    // By key, except that a namespace's sysctls of the whole namespace come before those of one interface:
    // writing net.ipv4.ip_forward or a conf.all key sets that key on every interface, undoing what was written there.
    private static readonly Comparer<Change> WritingOrder = Comparer<Change>.Create((a, b) =>
        a.Subject is SysctlResource x && b.Subject is SysctlResource y && x.Ns == y.Ns && (x.Interface is null) != (y.Interface is null)
            ? x.Interface is null ? -1 : 1
            : a.Key.CompareTo(b.Key));

    /// <summary>Deletions: each step before the deletions of what it depends on.</summary>
    public static ImmutableArray<Change> Reverse(IEnumerable<Change> steps) =>
        Sort(steps.OrderByDescending(c => c.Key.Kind).ThenBy(c => c.Key), c => c.Before!, dependentsFirst: true);

    // The steps come in tie-break order, so the ready queue can use their index as its priority.
    private static ImmutableArray<Change> Sort(IOrderedEnumerable<Change> steps, Func<Change, Resource> side, bool dependentsFirst)
    {
        var nodes = steps.ToArray();
        var byClaim = new Dictionary<ResourceKey, int>();
        for (var i = 0; i < nodes.Length; i++)
        {
            foreach (var k in side(nodes[i]).AllKeys()) byClaim.TryAdd(k, i);
        }

        var next = new List<int>[nodes.Length];
        var waitingOn = new int[nodes.Length];
        for (var i = 0; i < nodes.Length; i++) next[i] = [];
        for (var i = 0; i < nodes.Length; i++)
        {
            // A dependency named twice adds the edge twice and removes it twice: no need to dedupe.
            foreach (var dependency in side(nodes[i]).Dependencies)
            {
                if (!byClaim.TryGetValue(dependency, out var j) || j == i) continue;
                var (first, then) = dependentsFirst ? (i, j) : (j, i);
                next[first].Add(then);
                waitingOn[then]++;
            }
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (waitingOn[i] == 0) ready.Enqueue(i, i);
        }

        var order = ImmutableArray.CreateBuilder<Change>(nodes.Length);
        while (ready.TryDequeue(out var i, out _))
        {
            order.Add(nodes[i]);
            foreach (var then in next[i])
            {
                if (--waitingOn[then] == 0) ready.Enqueue(then, then);
            }
        }

        if (order.Count != nodes.Length)
        {
            var stuck = Enumerable.Range(0, nodes.Length).Where(i => waitingOn[i] > 0).Select(i => nodes[i].Subject.Describe());
            throw new InvalidOperationException("the resources depend on each other in a cycle: " + string.Join(", ", stuck));
        }

        return order.MoveToImmutable();
    }
}

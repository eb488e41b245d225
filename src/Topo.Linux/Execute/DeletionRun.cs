using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Kinds;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Linux.Execute;

/// <summary>
/// Carries out a run of deletions of namespaces, bridges and veth pairs, which the planner put in an
/// order where none needs another of the run gone first. Interfaces go first, each namespace's in one
/// request, and with them the veth ends (and macvlans) that the run's namespaces would leave behind
/// in the namespaces that stay; then the namespaces, holding only their loopback.
/// </summary>
/// <remarks>
/// Deleted the other way round, a namespace's veths die in the kernel's cleanup worker, after the
/// namespace's other exit work and a grace period, one bridge port at a time while the bridge
/// is still there: most of a <c>down</c>'s time was that wait. The namespaces themselves the kernel
/// frees in the background, with nothing of them left to see.
/// </remarks>
internal sealed class DeletionRun(NamespacePool pool, NamespaceSteps namespaces, GroupDeletion groups)
{
    /// <summary>Whether <see cref="Run"/> takes the step.</summary>
    public static bool Takes(Change step) =>
        step.Action == ChangeAction.Delete && KindDrivers.For(step.Before!).RunOf(ChangeAction.Delete) == StepRun.Deletions;

    /// <summary>
    /// Deletes what steps <paramref name="start"/>..<paramref name="end"/>-1 delete; <paramref name="before"/>,
    /// the state read before the plan, tells which interfaces the deleted namespaces leave behind.
    /// Returns the earliest step refused; the namespaces after it in the run are left, the interfaces are not.
    /// </summary>
    public StepFailedException? Run(IReadOnlyList<Change> steps, int start, int end, LabState? before)
    {
        var run = Enumerable.Range(start, end - start).ToList();
        var owners = new Dictionary<(Netns Ns, string Name), int?>();
        foreach (var i in run)
        {
            if (KindDrivers.For(steps[i].Before!).DeletedInterface(steps[i].Before!) is { } device) owners[(device.Namespace, device.Name)] = i;
        }

        // Only where the namespace can still be entered: the host, the lab's others, and the attached ones still there.
        var leftBehind = before is null ? [] : LingeringEnds.ByNamespace(before, run.Select(i => steps[i])).Where(e => e.Key.IsHost || pool.Directory.Exists(e.Key));
        foreach (var (ns, ends) in leftBehind)
        {
            foreach (var name in ends) owners.TryAdd((ns, name), null);
        }

        StepFailedException? failure = null;
        foreach (var inNs in owners.Keys.GroupBy(k => k.Ns))
        {
            // An end left behind that cannot go now goes when the kernel frees its peer's namespace:
            // only a step's own interface can fail the run.
            try
            {
                foreach (var (name, error) in groups.Delete(inNs.Key, [.. inNs.Select(k => k.Name)]))
                {
                    if (owners[(inNs.Key, name)] is { } index) failure = StepFailedException.Earliest(failure, Failed(steps, index, error));
                }
            }
            catch (Exception e) when (e is KernelException or IOException)
            {
                // The namespace could not be entered (an attached one whose process just ended): its
                // steps fail, and the ends left there are gone with it.
                if (inNs.Select(k => owners[k]).Min() is { } first) failure = StepFailedException.Earliest(failure, Failed(steps, first, e));
            }
        }

        foreach (var i in run.Where(i => steps[i].Before is NamespaceResource && i < (failure?.Index ?? end)))
        {
            try
            {
                namespaces.Delete(((NamespaceResource)steps[i].Before!).Name);
            }
            catch (Exception e) when (StepRunner.Blame(steps[i], e) is not null)
            {
                return StepFailedException.Earliest(failure, Failed(steps, i, e));
            }
        }

        return failure;
    }

    private static StepFailedException Failed(IReadOnlyList<Change> steps, int index, Exception e) => new(index, StepRunner.Blame(steps[index], e)!);
}

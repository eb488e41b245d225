using System.Runtime.ExceptionServices;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Rtnl;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Linux.Execute;

/// <summary>
/// Carries out a whole plan. A run of like steps that depend on nothing in the run (namespace
/// creations, veth creations, addresses and routes) goes to the kernel together: namespaces two
/// at a time, veths in one batch from the host, addresses and routes in one batch per namespace,
/// deletions of namespaces and interfaces as <see cref="DeletionRun"/> does. Any other step runs
/// alone. Steps are reported done in plan order once they are in the kernel, and a refusal is
/// reported as its own step; later steps of its run may be in the kernel too.
/// </summary>
internal sealed class PlanRunner(NamespacePool pool, NamespaceSteps namespaces, LinkSteps links, StepRunner single, DeletionRun deletions)
{
    private enum Kind { Alone, Namespaces, Veths, Settings, Deletions }

    /// <param name="onRunStarting">Called with the index of the first step of each run of steps, before the run goes to the kernel.</param>
    /// <param name="before">The state the plan was made from: which interfaces deleted namespaces leave behind.</param>
    /// <exception cref="StepFailedException">A step was refused; every step before it was reported done.</exception>
    public void Run(IReadOnlyList<Change> steps, Action<int> onStepDone, Action<int>? onRunStarting = null, LabState? before = null)
    {
        var start = 0;
        while (start < steps.Count)
        {
            var kind = KindOf(steps[start]);
            var end = start + 1;
            while (kind != Kind.Alone && end < steps.Count && KindOf(steps[end]) == kind) end++;
            onRunStarting?.Invoke(start);
            // A deletion alone still takes the ends its namespace would leave behind along.
            var failure = (end - start == 1 && kind != Kind.Deletions ? Kind.Alone : kind) switch
            {
                Kind.Alone => Alone(steps, start),
                Kind.Namespaces => Namespaces(steps, start, end),
                Kind.Veths => Veths(steps, start, end),
                Kind.Deletions => deletions.Run(steps, start, end, before),
                _ => Settings(steps, start, end),
            };
            for (var i = start; i < (failure?.Index ?? end); i++) onStepDone(i);
            if (failure is not null) throw failure;
            start = end;
        }
    }

    private static Kind KindOf(Change step) => (step.Action, step.After) switch
    {
        (ChangeAction.Create, NamespaceResource) => Kind.Namespaces,
        (ChangeAction.Create, VethResource) => Kind.Veths,
        (ChangeAction.Create, AddressResource) or (ChangeAction.Create or ChangeAction.Update, RouteResource) => Kind.Settings,
        _ when DeletionRun.Takes(step) => Kind.Deletions,
        _ => Kind.Alone,
    };

    private StepFailedException? Alone(IReadOnlyList<Change> steps, int index)
    {
        try
        {
            single.Run(steps[index]);
            return null;
        }
        catch (KernelException e)
        {
            return new StepFailedException(index, e);
        }
    }

    private StepFailedException? Namespaces(IReadOnlyList<Change> steps, int start, int end)
    {
        return Blamed(steps, start, namespaces.CreateAll(Names(steps, start, end, c => c.After)));
    }

    private static List<string> Names(IReadOnlyList<Change> steps, int start, int end, Func<Change, Resource?> side) =>
        [.. Enumerable.Range(start, end - start).Select(i => ((NamespaceResource)side(steps[i])!).Name)];

    // The first failure among steps start, start+1, ..., told as its step's.
    private static StepFailedException? Blamed(IReadOnlyList<Change> steps, int start, IReadOnlyList<Exception?> errors)
    {
        for (var k = 0; k < errors.Count; k++)
        {
            if (errors[k] is not { } e) continue;
            if (StepRunner.Blame(steps[start + k], e) is not { } blamed) ExceptionDispatchInfo.Throw(e);
            else return new StepFailedException(start + k, blamed);
        }

        return null;
    }

    // The pairs first, from the host (or where LinkSteps.MadeIn says); then each end placed elsewhere is finished there.
    private StepFailedException? Veths(IReadOnlyList<Change> steps, int start, int end)
    {
        var made = new StepBatches(pool, steps);
        var failure = Fill(start, end, i => made.Queue(LinkSteps.MadeIn((VethResource)steps[i].After!), i, b => links.QueueVeth(b, (VethResource)steps[i].After!)));
        failure = Earliest(failure, made.Commit());
        var finish = new StepBatches(pool, steps);
        var finished = Fill(start, failure?.Index ?? end, i =>
        {
            foreach (var placed in LinkSteps.PlacedEnds((VethResource)steps[i].After!))
            {
                if (finish.Queue(placed.Namespace, i, b => links.Finish(b, placed)) is { } f) return f;
            }

            return null;
        });
        return Earliest(failure, Earliest(finished, finish.Commit()));
    }

    private StepFailedException? Settings(IReadOnlyList<Change> steps, int start, int end)
    {
        var batches = new StepBatches(pool, steps);
        var failure = Fill(start, end, i => steps[i].After switch
        {
            AddressResource a => batches.Queue(a.Ns, i, b => b.AddAddress(a.Device, a.Cidr)),
            // Replace rather than add, as a single step does: a route the kernel made for a subnet must not fail it.
            RouteResource r => batches.Queue(r.Ns, i, b => b.ReplaceRoute(new RouteSpec(r.To, r.Via, r.Device))),
            _ => throw new InvalidOperationException("not a setting step"),
        });
        return Earliest(failure, batches.Commit());
    }

    // Queues steps start..end-1 until one cannot be queued.
    private static StepFailedException? Fill(int start, int end, Func<int, StepFailedException?> queue)
    {
        for (var i = start; i < end; i++)
        {
            if (queue(i) is { } failure) return failure;
        }

        return null;
    }

    private static StepFailedException? Earliest(StepFailedException? a, StepFailedException? b) =>
        a is null ? b : b is null ? a : a.Index <= b.Index ? a : b;
}

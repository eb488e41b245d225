using System.Runtime.ExceptionServices;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Kinds;
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
internal sealed class PlanRunner(KindContext context, StepRunner single, DeletionRun deletions)
{
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
            while (kind != StepRun.Alone && end < steps.Count && KindOf(steps[end]) == kind) end++;
            onRunStarting?.Invoke(start);
            // A deletion alone still takes the ends its namespace would leave behind along.
            var failure = (end - start == 1 && kind != StepRun.Deletions ? StepRun.Alone : kind) switch
            {
                StepRun.Alone => Alone(steps, start),
                StepRun.Namespaces => Namespaces(steps, start, end),
                StepRun.Veths => Veths(steps, start, end),
                StepRun.Deletions => deletions.Run(steps, start, end, before),
                _ => Settings(steps, start, end),
            };
            for (var i = start; i < (failure?.Index ?? end); i++) onStepDone(i);
            if (failure is not null) throw failure;
            start = end;
        }
    }

    private static StepRun KindOf(Change step) => KindDrivers.For(step.Subject).RunOf(step.Action);

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
        return Blamed(steps, start, context.Namespaces.CreateAll(Names(steps, start, end, c => c.After)));
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
        var made = new StepBatches(context.Pool, steps);
        var failure = Fill(start, end, i => made.Queue(VethDriver.MadeIn((VethResource)steps[i].After!), i, b => VethDriver.Queue(b, (VethResource)steps[i].After!, context)));
        failure = StepFailedException.Earliest(failure, made.Commit());
        var finish = new StepBatches(context.Pool, steps);
        var finished = Fill(start, failure?.Index ?? end, i =>
        {
            foreach (var placed in VethDriver.PlacedEnds((VethResource)steps[i].After!))
            {
                if (finish.Queue(placed.Namespace, i, b => context.Links.Finish(b, placed)) is { } f) return f;
            }

            return null;
        });
        return StepFailedException.Earliest(failure, StepFailedException.Earliest(finished, finish.Commit()));
    }

    private StepFailedException? Settings(IReadOnlyList<Change> steps, int start, int end)
    {
        var batches = new StepBatches(context.Pool, steps);
        var failure = Fill(start, end, i =>
        {
            var (ns, build) = KindDrivers.For(steps[i].After!).Queue(steps[i]);
            return batches.Queue(ns, i, build);
        });
        return StepFailedException.Earliest(failure, batches.Commit());
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
}

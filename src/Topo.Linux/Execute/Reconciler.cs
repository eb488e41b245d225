using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Execute;

/// <summary>
/// Plan, apply, down and status: read the kernel, plan against the desired state, carry the plan
/// out step by step, and read again to check. On a refused step, what this run did is undone by
/// planning back to the state read before it: the same machinery, pointed the other way. So is a
/// run that <paramref name="interrupt"/> stops (a signal), or whose result does not verify.
/// </summary>
public sealed class Reconciler(ILabKernel session, ILogger? logger = null, CancellationToken interrupt = default)
{
    private readonly ILogger _log = logger ?? NullLogger.Instance;

    /// <summary>
    /// Asked with the plan once it is made and before any step of apply or down is carried out: false leaves
    /// the kernel as it is (<see cref="NotApprovedException"/>). A lab of several machines holds every
    /// machine's run here until all of them have planned.
    /// </summary>
    public Func<Plan, bool>? Approve { get; init; }

    public (LabState Actual, PlanResult Result) Plan(LabState desired)
    {
        var clock = Stopwatch.StartNew();
        var actual = session.Read(desired);
        _log.LogDebug("read the kernel: {Count} objects in {Ms:0.0} ms", actual.Resources.Length, clock.Elapsed.TotalMilliseconds);
        var result = Planner.Plan(desired, actual);
        var summary = PlanSummary.Of(result.Plan);
        _log.LogDebug("planned {Steps} steps ({Add} to add, {Change} to change, {Destroy} to destroy), {Conflicts} conflicts",
            result.Plan.Steps.Length, summary.Add, summary.Change, summary.Destroy, result.Conflicts.Length);
        return (actual, result);
    }

    public StatusReport Status(LabState desired) => StatusReport.Of(desired, Plan(desired).Result);

    /// <summary>Makes the kernel match <paramref name="desired"/>; returns the plan carried out.</summary>
    public Plan Apply(LabState desired, IStepObserver observer)
    {
        var (before, result) = Plan(desired);
        if (!result.Ok) throw new ConflictException(result.Conflicts);
        Gate(result.Plan);
        if (result.Plan.IsEmpty)
        {
            session.SettleAttached(desired);
            session.HoldSysctls(desired);
            // Nothing was changed, so a second read could only find what the first one did.
            _log.LogDebug("nothing to do: the kernel matches the lab");
            return result.Plan;
        }

        if (interrupt.IsCancellationRequested) throw new RunInterruptedException(0, result.Plan.Steps.Length, RunAftermath.Undone([]));
        session.RecordAttached(desired);
        Execute(result.Plan, before, observer, onFailure: (failed, number, error, done) =>
            throw new ApplyFailedException(failed, number, error, RunAftermath.Undone(Undo(desired, before, failed, observer))),
            onInterrupt: done => throw new RunInterruptedException(done.Count, result.Plan.Steps.Length, RunAftermath.Undone(Undo(desired, before, null, observer))));

        // A conflict left after the run is a difference as much as a step still to do: the next plan would stop at it.
        var remaining = Planner.Plan(desired, session.Read(desired));
        if (!remaining.Plan.IsEmpty || !remaining.Ok)
            throw new VerificationFailedException(remaining, RunAftermath.Undone(Undo(desired, before, null, observer)));
        session.SettleAttached(desired);
        session.HoldSysctls(desired);
        _log.LogDebug("verified: the kernel matches the lab");
        return result.Plan;
    }

    /// <summary>
    /// Deletes everything the kernel marks as the lab's, also in the existing namespaces it attached to
    /// (recorded by apply, and <paramref name="attached"/> from the file); returns the plan carried out.
    /// </summary>
    public Plan Down(IStepObserver observer, IEnumerable<Netns>? attached = null)
    {
        var clock = Stopwatch.StartNew();
        var owned = session.ReadOwned(attached);
        _log.LogDebug("read the kernel: {Count} objects of the lab in {Ms:0.0} ms", owned.Resources.Length, clock.Elapsed.TotalMilliseconds);
        var plan = Planner.Plan(LabState.Empty(session.Lab), owned).Plan;
        Gate(plan);
        if (interrupt.IsCancellationRequested) throw new RunInterruptedException(0, plan.Steps.Length, RunAftermath.Undone([]));
        Execute(plan, owned, observer, onFailure: (failed, number, error, _) =>
            throw new ApplyFailedException(failed, number, error, RunAftermath.DownStopped),
            onInterrupt: done => throw new RunInterruptedException(done.Count, plan.Steps.Length, RunAftermath.DownStopped));
        session.ForgetLab();
        return plan;
    }

    private void Gate(Plan plan)
    {
        if (Approve is { } approve && !approve(plan)) throw new NotApprovedException(plan.Steps.Length);
    }

    // The session gets the whole plan and may send several steps at once; each step is still
    // reported only once the step is in the kernel, in plan order. The first
    // step of each run sent together is shown as starting before the run goes, so a terminal shows
    // what the kernel is busy with; the others start and finish together.
    // A signal is acted on between steps, where the kernel holds whole steps only; the steps sent in
    // the same batch as the last one reported may be in the kernel too, which the undo's fresh read finds.
    private void Execute(
        Plan plan, LabState before, IStepObserver observer, Action<Change, int, KernelException, List<Change>> onFailure, Action<List<Change>> onInterrupt)
    {
        var done = new List<Change>();
        var count = plan.Steps.Length;
        var clock = Stopwatch.StartNew();
        var shownStarting = -1;
        try
        {
            session.Execute(plan.Steps, i =>
            {
                var step = plan.Steps[i];
                if (shownStarting != i) observer.Starting(step, i + 1, count);
                done.Add(step);
                _log.LogDebug("step {Number}/{Count} {Action} {Subject}: {Ms:0.00} ms", i + 1, count, step.Action, step.Subject.Describe(), clock.Elapsed.TotalMilliseconds);
                observer.Done(step, i + 1, count, clock.Elapsed);
                interrupt.ThrowIfCancellationRequested();
                clock.Restart();
            }, onRunStarting: i =>
            {
                shownStarting = i;
                observer.Starting(plan.Steps[i], i + 1, count);
            }, before);
        }
        catch (StepFailedException failure)
        {
            _log.LogDebug("step {Number} failed: {Error}", failure.Index + 1, failure.Error.Message);
            onFailure(plan.Steps[failure.Index], failure.Index + 1, failure.Error, done);
            return;
        }
        catch (OperationCanceledException) when (interrupt.IsCancellationRequested)
        {
            _log.LogDebug("interrupted after step {Number}", done.Count);
            onInterrupt(done);
            return;
        }

        if (interrupt.IsCancellationRequested)
        {
            onInterrupt(done);
            return;
        }

        if (done.Any(s => s.Action is ChangeAction.Delete or ChangeAction.Replace))
        {
            clock.Restart();
            session.WaitUntilGone(done, before);
            _log.LogDebug("the kernel freed the deleted namespaces' interfaces after {Ms:0.0} ms", clock.Elapsed.TotalMilliseconds);
        }
    }

    // The lab's objects as they were before the run, and every setting the run may have changed,
    // become the desired state of a second plan: executing it undoes the run's work in dependency order.
    // Steps sent in the failed step's batch may be in the kernel although none was reported done:
    // only the fresh read says whether there is anything to undo.
    private List<string> Undo(LabState desired, LabState before, Change? failed, IStepObserver observer)
    {
        var previous = new LabState(session.Lab, [.. before.Resources.Where(r => r.Owner == session.Lab || r.IsSetting)]);
        var now = session.Read(desired);
        var back = Planner.Plan(previous, now).Plan;
        if (back.IsEmpty) return [];
        var errors = new List<string>();
        observer.RollingBack(failed, back.Steps.Length);
        foreach (var step in back.Steps)
        {
            try
            {
                session.Execute(step);
            }
            catch (KernelException e)
            {
                errors.Add(e.Message);
            }
        }

        if (back.Steps.Any(s => s.Action is ChangeAction.Delete or ChangeAction.Replace)) session.WaitUntilGone(back.Steps, now);
        return errors;
    }
}

using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Testing.Planning;

namespace Topo.Linux.Tests.Execute;

/// <summary>
/// A lab's kernel in memory, behind the reconciler's seam: the planner's kernel simulator holds the objects,
/// each step carried out applies to it, and what a step makes carries the lab's mark, as the real kernel's objects do.
/// It can refuse a step of a whole plan or a single step, lose what a step made, or keep it without the mark.
/// </summary>
internal sealed class SimulatedLabKernel(string lab, IEnumerable<Resource> initial) : ILabKernel
{
    private readonly KernelSimulator _kernel = new(initial);

    public string Lab => lab;

    /// <summary>The step (from 0) of a whole plan that the kernel refuses, with EEXIST.</summary>
    public int? RefusedStep { get; init; }

    /// <summary>Steps carried out one at a time (as undo does) that the kernel refuses, with EBUSY.</summary>
    public Func<Change, bool> RefusedAlone { get; init; } = _ => false;

    /// <summary>What the kernel reports made but does not keep.</summary>
    public Func<Resource, bool> Lost { get; init; } = _ => false;

    /// <summary>What the kernel keeps without the lab's mark: it reads back as another's.</summary>
    public Func<Resource, bool> Unmarked { get; init; } = _ => false;

    /// <summary>Every step the kernel took, in order, whole plans and single steps alike.</summary>
    public List<Change> Executed { get; } = [];

    /// <summary>The reconciler's calls, in order: reads, runs and records.</summary>
    public List<string> Calls { get; } = [];

    public LabState State => new(lab, [.. _kernel.Objects]);

    public LabState Read(LabState desired)
    {
        Calls.Add("read");
        return State;
    }

    public LabState ReadOwned(IEnumerable<Netns>? attached = null)
    {
        Calls.Add("read owned");
        return new LabState(lab, [.. _kernel.Objects.Where(r => r.Owner == lab)]);
    }

    public void Execute(Change step)
    {
        Calls.Add("execute 1 step");
        if (RefusedAlone(step)) throw new KernelException($"deleting {step.Subject.Describe()}", 16);
        Take(step);
    }

    public void Execute(IReadOnlyList<Change> steps, Action<int> onStepDone, Action<int>? onRunStarting = null, LabState? before = null)
    {
        Calls.Add($"execute {steps.Count} steps");
        for (var i = 0; i < steps.Count; i++)
        {
            onRunStarting?.Invoke(i);
            if (i == RefusedStep) throw new StepFailedException(i, new KernelException($"creating {steps[i].Subject.Describe()}", 17));
            Take(steps[i]);
            onStepDone(i);
        }
    }

    public void WaitUntilGone(IEnumerable<Change> executed, LabState before) => Calls.Add("wait until gone");

    public void RecordAttached(LabState desired) => Calls.Add("record attached");

    public void SettleAttached(LabState desired) => Calls.Add("settle attached");

    public void HoldSysctls(LabState desired) => Calls.Add("hold sysctls");

    public void ForgetLab() => Calls.Add("forget lab");

    private void Take(Change step)
    {
        var made = step.After is { } after ? step with { After = after with { Owner = Unmarked(after) ? null : lab } } : step;
        _kernel.Apply(made);
        Executed.Add(step);
        if (made.After is { } kept && Lost(kept)) _kernel.Remove(kept);
    }
}

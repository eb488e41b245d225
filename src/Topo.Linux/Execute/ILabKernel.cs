using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Linux.Execute;

/// <summary>
/// What the <see cref="Reconciler"/> asks of one lab's kernel: read it, carry out steps, and keep the
/// records an apply or a down leaves under the state directory. <see cref="KernelSession"/> is the
/// real one; tests stand a simulated kernel behind it to check undo and verification without one.
/// </summary>
public interface ILabKernel
{
    string Lab { get; }

    /// <summary>The lab's actual state, in the shape of <paramref name="desired"/>.</summary>
    /// <exception cref="KernelException">What the lab attaches to is not there; nothing was read.</exception>
    LabState Read(LabState desired);

    /// <summary>Everything that carries the lab's mark, also in <paramref name="attached"/>, for <c>down</c>.</summary>
    LabState ReadOwned(IEnumerable<Netns>? attached = null);

    /// <summary>Carries out one plan step.</summary>
    /// <exception cref="KernelException">The step failed; the context names its object.</exception>
    void Execute(Change step);

    /// <summary>
    /// Carries out a whole plan, and calls <paramref name="onStepDone"/> with each step's index, in plan
    /// order, once that step is in the kernel; <paramref name="onRunStarting"/> with the first of each run of steps sent together.
    /// </summary>
    /// <exception cref="StepFailedException">A step failed; the steps before it were reported done, later ones of its batch may be in the kernel.</exception>
    void Execute(IReadOnlyList<Change> steps, Action<int> onStepDone, Action<int>? onRunStarting = null, LabState? before = null);

    /// <summary>Returns once the interfaces that the namespaces <paramref name="executed"/> deleted leave behind for a while are gone.</summary>
    void WaitUntilGone(IEnumerable<Change> executed, LabState before);

    /// <summary>Before an apply changes anything: the attached namespaces it may leave objects in.</summary>
    void RecordAttached(LabState desired);

    /// <summary>After an apply succeeded: exactly the file's attached namespaces hold the lab's objects.</summary>
    void SettleAttached(LabState desired);

    /// <summary>After an apply succeeded: the lab holds every host sysctl it wants.</summary>
    void HoldSysctls(LabState desired);

    /// <summary>After <c>down</c>: nothing kept for the lab is worth keeping.</summary>
    void ForgetLab();
}

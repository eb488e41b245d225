using Tmds.Linux;
using Topo.Core.Planning;

namespace Topo.Linux.Execute;

/// <summary>
/// For crash-safety tests only: with <c>TOPO_FAULT_KILL_AFTER_STEP=K</c>, the process kills itself
/// (SIGKILL, no cleanup) right after step K of an apply or down has been carried out; with
/// <c>TOPO_FAULT_KILL_AFTER_NAMESPACE=K</c>, right after the K-th namespace it makes shows under its name,
/// inside the step that makes it; with <c>TOPO_FAULT_SIGNAL_AFTER_STEP=K:SIG</c> (SIG is INT or TERM),
/// it sends itself that signal after step K and goes on once the signal has been taken note of.
/// The engine knows nothing of it: the CLI puts it around the run's observer and on the session's <see cref="KernelSession.NamespaceMounted"/>.
/// </summary>
public sealed class FaultInjection(int? killAfterStep, int? killAfterNamespace = null, (int Step, int Signal)? signalAfterStep = null)
{
    public const string Variable = "TOPO_FAULT_KILL_AFTER_STEP";
    public const string NamespaceVariable = "TOPO_FAULT_KILL_AFTER_NAMESPACE";
    public const string SignalVariable = "TOPO_FAULT_SIGNAL_AFTER_STEP";

    /// <summary>With <c>TOPO_FAULT_KILL_IN_TRACE=1</c>, <c>topo trace</c> kills itself once its trace tables are in place, before the probe.</summary>
    public const string TraceVariable = "TOPO_FAULT_KILL_IN_TRACE";

    /// <summary>The kill <see cref="TraceVariable"/> asks for, if it does.</summary>
    public static void InTrace()
    {
        if (Environment.GetEnvironmentVariable(TraceVariable) == "1") Kill();
    }

    private int _namespaces;

    public static FaultInjection FromEnvironment() => new(Number(Variable), Number(NamespaceVariable), StepAndSignal(Environment.GetEnvironmentVariable(SignalVariable)));

    /// <summary>
    /// <paramref name="observer"/>, and after it has been told that a step is done, the kill or the signal
    /// due after that step; a signal sent there waits until <paramref name="interrupt"/> has taken note of it.
    /// </summary>
    public IStepObserver Around(IStepObserver observer, CancellationToken interrupt) =>
        killAfterStep is null && signalAfterStep is null ? observer : new AfterSteps(this, observer, interrupt);

    private void AfterStep(int stepNumber, CancellationToken interrupt)
    {
        if (killAfterStep == stepNumber) Kill();
        if (signalAfterStep is { } s && s.Step == stepNumber)
        {
            LibC.kill(LibC.getpid(), s.Signal);
            interrupt.WaitHandle.WaitOne();
        }
    }

    /// <summary>Called as each namespace is mounted under its name; creations run side by side.</summary>
    public void NamespaceMounted(string name)
    {
        if (killAfterNamespace is { } k && Interlocked.Increment(ref _namespaces) == k) Kill();
    }

    private static int? Number(string variable) => Parse(Environment.GetEnvironmentVariable(variable));

    private static int? Parse(string? text) => int.TryParse(text, out var k) ? k : null;

    private static (int, int)? StepAndSignal(string? text) =>
        text?.Split(':') is [var step, var signal] && Parse(step) is { } k
            ? (k, signal == "INT" ? 2 : signal == "TERM" ? 15 : throw new ArgumentException($"{SignalVariable}: INT or TERM, not '{signal}'"))
            : null;

    private static void Kill() => LibC.kill(LibC.getpid(), LibC.SIGKILL);

    private sealed class AfterSteps(FaultInjection faults, IStepObserver inner, CancellationToken interrupt) : IStepObserver
    {
        public void Starting(Change step, int index, int count) => inner.Starting(step, index, count);

        public void Done(Change step, int index, int count, TimeSpan took)
        {
            inner.Done(step, index, count, took);
            faults.AfterStep(index, interrupt);
        }

        public void RollingBack(Change? failed, int steps) => inner.RollingBack(failed, steps);
    }
}

using Tmds.Linux;

namespace Topo.Linux.Reconcile;

/// <summary>
/// For crash-safety tests only: with <c>TOPO_FAULT_KILL_AFTER_STEP=K</c>, the process kills itself
/// (SIGKILL, no cleanup) right after step K of an apply or down has been carried out.
/// </summary>
public sealed class FaultInjection(int? killAfterStep)
{
    public const string Variable = "TOPO_FAULT_KILL_AFTER_STEP";

    public static FaultInjection FromEnvironment() =>
        new(int.TryParse(Environment.GetEnvironmentVariable(Variable), out var k) ? k : null);

    public void AfterStep(int stepNumber)
    {
        if (killAfterStep == stepNumber) LibC.kill(LibC.getpid(), LibC.SIGKILL);
    }
}

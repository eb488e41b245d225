using Tmds.Linux;

namespace Topo.Linux.Reconcile;

/// <summary>
/// For crash-safety tests only: with <c>TOPO_FAULT_KILL_AFTER_STEP=K</c>, the process kills itself
/// (SIGKILL, no cleanup) right after step K of an apply or down has been carried out; with
/// <c>TOPO_FAULT_KILL_AFTER_NAMESPACE=K</c>, right after the K-th namespace it makes shows under its name,
/// inside the step that makes it.
/// </summary>
public sealed class FaultInjection(int? killAfterStep, int? killAfterNamespace = null)
{
    public const string Variable = "TOPO_FAULT_KILL_AFTER_STEP";
    public const string NamespaceVariable = "TOPO_FAULT_KILL_AFTER_NAMESPACE";

    private int _namespaces;

    public static FaultInjection FromEnvironment() => new(Number(Variable), Number(NamespaceVariable));

    public void AfterStep(int stepNumber)
    {
        if (killAfterStep == stepNumber) Kill();
    }

    /// <summary>Called as each namespace is mounted under its name; creations run side by side.</summary>
    public void NamespaceMounted(string name)
    {
        if (killAfterNamespace is { } k && Interlocked.Increment(ref _namespaces) == k) Kill();
    }

    private static int? Number(string variable) => Parse(Environment.GetEnvironmentVariable(variable));

    private static int? Parse(string? text) => int.TryParse(text, out var k) ? k : null;

    private static void Kill() => LibC.kill(LibC.getpid(), LibC.SIGKILL);
}

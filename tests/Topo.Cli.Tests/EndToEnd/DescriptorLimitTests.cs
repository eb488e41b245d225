using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A lab of more namespaces than a third of the descriptor limit: kept whole, the session's contexts (a socket
/// and a handle each) and the verifying read (as many again) held four descriptors per namespace, and 300
/// namespaces under a limit of 1024 stopped with EMFILE part way, as 10,000 did under a container's 20,000.
/// The pool now keeps an eighth of the limit, the reader one descriptor per namespace.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DescriptorLimitTests : IDisposable
{
    private const int Nodes = 300;
    private static readonly string[] Limited = ["prlimit", "--nofile=1024:1024"];
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_lab_of_more_namespaces_than_the_limit_allows_applies_plans_and_comes_down()
    {
        var file = StarLab.Write(_run.State, Nodes);

        var apply = _run.ProcessUnder(Limited, null, "apply", file, "-q");
        Assert.True(apply.ExitCode == 0, $"apply of {Nodes} nodes under a limit of 1024 descriptors exited {apply.ExitCode}:\n{apply.Error}");
        Assert.Equal(Nodes, _run.Namespaces().Count);

        var plan = _run.ProcessUnder(Limited, null, "plan", file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, $"plan exited {plan.ExitCode}:\n{plan.Out}{plan.Error}");

        var down = _run.ProcessUnder(Limited, null, "down", file, "-q");
        Assert.True(down.ExitCode == 0, $"down exited {down.ExitCode}:\n{down.Error}");
        Assert.Empty(_run.Namespaces());
    }
}

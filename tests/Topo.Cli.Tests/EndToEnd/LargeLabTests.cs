using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A lab big enough that the process holds more than 1024 descriptors (a socket and a handle per
/// namespace) by the time the nftables table is written: libnftables waits on its socket with
/// select(), which aborts on a descriptor past FD_SETSIZE, so its socket must be made while
/// descriptors are still low.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class LargeLabTests : IDisposable
{
    private const int Nodes = 600;
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_lab_of_600_nodes_with_published_ports_applies_in_one_process_and_comes_down()
    {
        var file = StarLab.Write(_run.State, Nodes);

        var apply = _run.Process(null, "apply", file, "-q");
        Assert.True(apply.ExitCode == 0, $"apply of {Nodes} nodes exited {apply.ExitCode}:\n{apply.Error}");
        var rules = _run.Sandbox.Witness("nft", "list", "table", "ip", $"topo-{StarLab.Lab}");
        Assert.Equal(2 * Nodes, rules.Split('\n').Count(l => l.Contains("dnat to", StringComparison.Ordinal)));

        var down = _run.Process(null, "down", file, "-q");
        Assert.True(down.ExitCode == 0, $"down exited {down.ExitCode}:\n{down.Error}");
        Assert.Empty(_run.Namespaces());
    }
}

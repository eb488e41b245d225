using Topo.Linux.Execute;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// The steps NAT in both families added (the <c>ip6 topo-LAB</c> twin table, a bridge made down with
/// <c>accept_dad=0</c> before it comes up, <c>route_localnet</c> for a loopback port): a kill after any step
/// of the dual-stack NAT lab is taken over by the next apply, and down leaves nothing of the lab while a
/// table and a sysctl it did not make stay as they were.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DualStackNatCrashTests : IDisposable
{
    private const int Killed = 137;
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Killed_after_any_step_the_next_apply_converges_and_down_leaves_only_what_was_there()
    {
        var file = Path.Combine(_run.State, "nat6.yaml");
        File.WriteAllText(file, DualStackNatTests.Lab);
        _run.Sandbox.Witness("nft", "add table ip6 keep; add chain ip6 keep c { type filter hook forward priority 0; }");
        var before = (Ruleset: _run.Sandbox.Witness("nft", "list", "ruleset"), Forwarding: _run.Sandbox.Witness("sysctl", "-n", "net.ipv6.conf.all.forwarding"));
        var plan = _run.Topo("plan", file);
        var steps = int.Parse(plan.Out.Split('\n').Single(l => l.StartsWith("Plan: ", StringComparison.Ordinal)).Split(' ')[1]);
        Assert.Contains("nftables table topo-nat6", plan.Out);

        for (var k = 1; k < steps; k++)
        {
            var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.Variable] = k.ToString() }, "apply", file, "-q");
            Assert.True(Killed == killed.ExitCode, $"kill after step {k}: exit {killed.ExitCode}\n{killed.Error}");

            var apply = _run.Topo("apply", file, "-q");
            Assert.True(apply.ExitCode == 0, $"apply after a kill at step {k}: {apply.Error}");
            var again = _run.Topo("plan", file, "--detailed-exitcode");
            Assert.True(again.ExitCode == 0, $"plan after the repairing apply (kill at step {k}):\n{again.Out}{again.Error}");
            Assert.Contains("table ip6 topo-nat6", _run.Sandbox.Witness("nft", "list", "tables"));

            var down = _run.Topo("down", file, "-q");
            Assert.True(down.ExitCode == 0, $"down after a kill at step {k}:\n{down.Out}{down.Error}");
            Assert.Empty(_run.Namespaces());
            Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
            Assert.Equal(before.Ruleset, _run.Sandbox.Witness("nft", "list", "ruleset"));
            Assert.Equal(before.Forwarding, _run.Sandbox.Witness("sysctl", "-n", "net.ipv6.conf.all.forwarding"));
        }
    }
}

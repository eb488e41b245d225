using System.Text.RegularExpressions;
using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Testing.Kernel;
using Xunit.Abstractions;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A topo killed at any point leaves a kernel that the next apply brings to the file and that
/// down clears. The kernel is the only state, so there is nothing else to repair.
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Killed = 137;
    private const int Nodes = 300;
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Killed_after_any_step_the_next_apply_converges_and_down_leaves_nothing()
    {
        var file = LabRun.Example("02-bridge.yaml");
        var steps = CountSteps(file);
        Assert.True(steps >= 10, $"the plan should be representative, it has {steps} steps");

        for (var k = 1; k < steps; k++)
        {
            var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.Variable] = k.ToString() }, "apply", file, "-q");
            Assert.True(Killed == killed.ExitCode, $"kill after step {k}: exit {killed.ExitCode}\n{killed.Error}");

            var apply = _run.Topo("apply", file, "-q");
            Assert.True(apply.ExitCode == 0, $"apply after a kill at step {k}: {apply.Error}");
            var plan = _run.Topo("plan", file, "--detailed-exitcode");
            Assert.True(plan.ExitCode == 0, $"plan after the repairing apply (kill at step {k}):\n{plan.Out}{plan.Error}");

            var down = _run.Topo("down", file, "-q");
            Assert.True(down.ExitCode == 0, $"down after a kill at step {k}:\n{down.Out}{down.Error}");
            Assert.Empty(_run.Namespaces());
            Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
        }
    }

    [KernelFact]
    public void Killed_with_sigkill_in_the_middle_of_a_large_apply_the_next_apply_converges()
    {
        var file = StarLab.Write(_run.State, 200);

        using (var apply = _run.Start(null, "apply", file))
        {
            // A line per finished step; once the test stops reading, 800 steps' lines fill the pipe and
            // topo blocks mid-plan, so the kill is sure to land in the middle of the apply.
            for (var lines = 0; lines < 60 && apply.StandardOutput.ReadLine() is not null; lines++)
            {
            }

            apply.Kill();
            apply.WaitForExit();
            Assert.Equal(Killed, apply.ExitCode);
        }

        Assert.NotEmpty(_run.Namespaces());
        var again = _run.Topo("apply", file, "-q");
        Assert.True(again.ExitCode == 0, again.Error);
        var status = _run.Topo("status", file);
        Assert.True(status.ExitCode == 0, $"status after the repairing apply:\n{status.Out}{status.Error}");
        Assert.Equal(200, _run.Namespaces().Count);
        var down = _run.Topo("down", file, "-q");
        Assert.True(down.ExitCode == 0, $"down:\n{down.Out}{down.Error}");
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
    }

    /// <summary>
    /// A kill -9 at the end of each phase of a 300-node apply (after the namespaces, the bridge, the veths,
    /// the addresses, the routes, the sysctls, the nftables table: the phases are read off a run's own step
    /// lines) and in the middle of its namespaces, and at the end of each phase of its down. Steps of a
    /// phase go to the kernel together, so a phase's end is where a kill after a step can land.
    /// Every topo is a real process: the records and the lock are in the state directory real processes use.
    /// </summary>
    [KernelFact]
    public void Killed_at_each_phase_of_a_large_apply_or_down_the_next_apply_converges_and_down_leaves_nothing()
    {
        var file = StarLab.Write(_run.State, Nodes);
        var total = TotalSteps(file);

        // The first kill, after the last step (before the re-read that verifies), also prints every step.
        var last = Kill("apply", file, total);
        var applyPhases = PhaseEnds(last.Out);
        Assert.True(applyPhases.Count >= 7, $"namespaces, bridge, veths, addresses, routes, sysctls, nftables:\n{string.Join("\n", applyPhases)}");
        Recover(file, $"apply killed after step {total}");
        var tried = 1;
        foreach (var (step, phase) in applyPhases.Where(p => p.Step != total))
        {
            Kill("apply", file, step);
            Recover(file, $"apply killed after step {step} ({phase})");
            tried++;
        }

        var midway = _run.Process(new Dictionary<string, string> { [FaultInjection.NamespaceVariable] = (Nodes / 2).ToString() }, "apply", file, "-q");
        Assert.True(Killed == midway.ExitCode, $"kill at namespace {Nodes / 2}: exit {midway.ExitCode}\n{midway.Error}");
        Recover(file, $"apply killed at its namespace {Nodes / 2}");
        tried++;
        output.WriteLine($"apply of {Nodes} nodes: {tried} kills tried, {tried} converged ({string.Join(", ", applyPhases.Select(p => $"{p.Phase} {p.Step}"))}, namespace {Nodes / 2} of {Nodes})");

        // The first step's line says how many the down has; a kill after the last prints them all.
        Assert.Equal(0, Topo("apply", file, "-q").ExitCode);
        var downTotal = int.Parse(StepCount().Match(Kill("down", file, 1).Out).Groups[1].Value);
        Recover(file, "down killed after step 1");
        Assert.Equal(0, Topo("apply", file, "-q").ExitCode);
        var downPhases = PhaseEnds(Kill("down", file, downTotal).Out);
        Assert.True(downPhases.Count >= 4, $"nftables, sysctl, bridge, namespaces:\n{string.Join("\n", downPhases)}");
        Recover(file, $"down killed after step {downTotal}");
        var triedDown = 2;
        foreach (var (step, phase) in downPhases.Where(p => p.Step != downTotal && p.Step != 1))
        {
            Assert.Equal(0, Topo("apply", file, "-q").ExitCode);
            Kill("down", file, step);
            Recover(file, $"down killed after step {step} ({phase})");
            triedDown++;
        }

        output.WriteLine($"down of {Nodes} nodes: {triedDown} kills tried, {triedDown} converged ({string.Join(", ", downPhases.Select(p => $"{p.Phase} {p.Step}"))})");
    }

    // A vxlan is made in its underlay's namespace, placed in its node and marked there. A kill after any step
    // converges, and a vxlan of the same VNI made by hand in the host is never touched, by apply or by down.
    [KernelFact]
    public void Killed_after_any_step_of_a_vxlan_lab_the_next_apply_converges_and_a_foreign_vxlan_stays()
    {
        var file = Path.Combine(Path.GetTempPath(), $"topo-vxlan-crash-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, VxlanTests.Text.Replace("port: 4790, ", ""));
        try
        {
            _run.Sandbox.Witness("ip", "link", "add", "handvx", "type", "vxlan", "id", "42", "remote", "192.0.2.9", "dstport", "4789");
            var steps = TotalSteps(file);
            Assert.True(steps >= 8, $"the plan should be representative, it has {steps} steps");
            for (var step = 1; step < steps; step++)
            {
                Kill("apply", file, step);
                var apply = Topo("apply", file, "-q");
                Assert.True(apply.ExitCode == 0, $"apply after a kill at step {step}: {apply.Error}");
                var plan = Topo("plan", file, "--detailed-exitcode");
                Assert.True(plan.ExitCode == 0, $"plan after a kill at step {step} and a repairing apply:\n{plan.Out}{plan.Error}");
                Assert.True(_run.Pings("va", "10.42.0.2"), $"the tunnel after a kill at step {step}");
                var down = Topo("down", file, "-q");
                Assert.True(down.ExitCode == 0, $"down after a kill at step {step}:\n{down.Out}{down.Error}");
                Assert.Empty(_run.Namespaces());
                Assert.Equal(["handvx", "lo"], IpWitness.Links(_run.Sandbox).Keys.Order(StringComparer.Ordinal).ToArray());
                var hand = IpWitness.Link(_run.Sandbox, null, "handvx");
                Assert.Equal("192.0.2.9", hand.GetProperty("linkinfo").GetProperty("info_data").GetProperty("remote").GetString());
                Assert.False(hand.TryGetProperty("ifalias", out _), $"the foreign vxlan got a mark after a kill at step {step}");
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    // One machine's share of the overlay lesson (a bridge with a VXLAN port and a forwarding entry to the other
    // machine, a VXLAN end of a link between machines): a kill after any step converges, and a vxlan made by hand,
    // with a forwarding entry of its own, is never touched, by apply or by down.
    [KernelFact]
    public void Killed_after_any_step_of_a_machines_share_the_next_apply_converges_and_a_foreign_vxlan_stays()
    {
        var file = MachineShareWithForeignVxlan();
        var steps = TotalSteps(file, "--host", "h1");
        Assert.True(steps >= 12, $"the plan should be representative, it has {steps} steps");
        for (var step = 1; step < steps; step++)
        {
            Kill("apply", file, step, "--host", "h1");
            RecoverShare(file, $"apply killed after step {step}");
        }
    }

    // The same share's down, killed after each of its steps: the FDB entries and the bridge's VXLAN port go
    // before the bridge, and a half-done down is finished by the next apply and down, the foreign vxlan untouched.
    [KernelFact]
    public void Killed_after_any_step_of_a_machines_share_down_the_next_apply_converges_and_a_foreign_vxlan_stays()
    {
        var file = MachineShareWithForeignVxlan();
        Assert.Equal(0, Topo("apply", file, "--host", "h1", "-q").ExitCode);
        var steps = int.Parse(StepCount().Match(Kill("down", file, 1, "--host", "h1").Out).Groups[1].Value);
        Assert.True(steps >= 4, $"the down should be representative, it has {steps} steps");
        RecoverShare(file, "down killed after step 1");
        for (var step = 2; step < steps; step++)
        {
            Assert.Equal(0, Topo("apply", file, "--host", "h1", "-q").ExitCode);
            Kill("down", file, step, "--host", "h1");
            RecoverShare(file, $"down killed after step {step}");
        }
    }

    // h1's share of the overlay lesson on this sandbox, beside a vxlan made by hand with a forwarding entry of its own.
    private string MachineShareWithForeignVxlan()
    {
        _run.Sandbox.Witness("ip", "addr", "add", "192.0.2.11/32", "dev", "lo");
        _run.Sandbox.Witness("ip", "link", "add", "handvx", "type", "vxlan", "id", "77", "local", "192.0.2.11", "dstport", "4790");
        _run.Sandbox.Witness("bridge", "fdb", "append", "00:00:00:00:00:00", "dev", "handvx", "dst", "192.0.2.99");
        return LabRun.Example("08-overlay.yaml");
    }

    // What every kill of h1's share must leave: an apply that converges, a down that leaves only the foreign vxlan, unmarked.
    private void RecoverShare(string file, string what)
    {
        var apply = Topo("apply", file, "--host", "h1", "-q");
        Assert.True(apply.ExitCode == 0, $"apply after {what}: {apply.Error}");
        var plan = Topo("plan", file, "--host", "h1", "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, $"plan after {what} and a repairing apply:\n{plan.Out}{plan.Error}");
        Assert.Contains("dst 192.0.2.12", _run.Sandbox.Witness("bridge", "fdb", "show", "dev", "vxov0"));
        var down = Topo("down", file, "--host", "h1", "-q");
        Assert.True(down.ExitCode == 0, $"down after {what}:\n{down.Out}{down.Error}");
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["handvx", "lo"], IpWitness.Links(_run.Sandbox).Keys.Order(StringComparer.Ordinal).ToArray());
        Assert.False(IpWitness.Link(_run.Sandbox, null, "handvx").TryGetProperty("ifalias", out _), $"the foreign vxlan got a mark after {what}");
        Assert.Contains("dst 192.0.2.99", _run.Sandbox.Witness("bridge", "fdb", "show", "dev", "handvx"));
    }

    private CliRun Kill(string command, string file, int step, params string[] more)
    {
        var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.Variable] = step.ToString() }, [command, file, .. more]);
        Assert.True(Killed == killed.ExitCode, $"{command} killed after step {step}: exit {killed.ExitCode}\n{killed.Error}");
        return killed;
    }

    // What every kill must leave: an apply that converges, and a down after it that leaves nothing.
    private void Recover(string file, string what)
    {
        var apply = Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, $"apply after {what}: {apply.Error}");
        var plan = Topo("plan", file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, $"plan after {what} and a repairing apply:\n{plan.Out}{plan.Error}");
        var down = Topo("down", file, "-q");
        Assert.True(down.ExitCode == 0, $"down after {what}:\n{down.Out}{down.Error}");
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
        Assert.False(Directory.Exists(Path.Combine(new Topo.Linux.KernelOptions().StateDirectory, StarLab.Lab)), $"the lab's state directory is left after {what}");
    }

    // The last step of each run of steps of one kind ("netns", "veth", ...), from the step lines a run printed.
    private static List<(int Step, string Phase)> PhaseEnds(string stepLines)
    {
        var steps = StepLine().Matches(stepLines).Select(m => (Step: int.Parse(m.Groups[1].Value), Kind: m.Groups[2].Value)).ToList();
        return [.. steps.Where((s, i) => i + 1 == steps.Count || steps[i + 1].Kind != s.Kind)];
    }

    private int TotalSteps(string file, params string[] more)
    {
        var summary = Topo(["plan", file, .. more]).Out.Split('\n').Single(l => l.StartsWith("Plan: ", StringComparison.Ordinal));
        return PlanCounts().Matches(summary).Sum(m => int.Parse(m.Value));
    }

    private CliRun Topo(params string[] args) => _run.Process(null, args);

    [GeneratedRegex(@"\[(\d+)/\d+\] \S+ (\S+)")]
    private static partial Regex StepLine();

    [GeneratedRegex(@"\d+")]
    private static partial Regex PlanCounts();

    [GeneratedRegex(@"\[\d+/(\d+)\]")]
    private static partial Regex StepCount();

    private int CountSteps(string file)
    {
        var plan = _run.Topo("plan", file);
        var summary = plan.Out.Split('\n').Single(l => l.StartsWith("Plan: ", StringComparison.Ordinal));
        return int.Parse(summary.Split(' ')[1]);
    }
}

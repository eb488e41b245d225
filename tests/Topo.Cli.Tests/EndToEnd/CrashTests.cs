using Topo.Linux.Reconcile;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A topo killed at any point leaves a kernel that the next apply brings to the file and that
/// down clears. The kernel is the only state, so there is nothing else to repair.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class CrashTests : IDisposable
{
    private const int Killed = 137;
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

    private int CountSteps(string file)
    {
        var plan = _run.Topo("plan", file);
        var summary = plan.Out.Split('\n').Single(l => l.StartsWith("Plan: ", StringComparison.Ordinal));
        return int.Parse(summary.Split(' ')[1]);
    }
}

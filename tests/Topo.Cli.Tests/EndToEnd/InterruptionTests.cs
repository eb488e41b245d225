using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// SIGINT and SIGTERM in the middle of an apply or down, sent to the real process: it says so, an apply
/// undoes its run, the lock is free, and the exit code is the shell's for the signal. A second signal ends it at once.
/// Every topo here is a real process, sharing the state directory (and the lock) real processes use.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class InterruptionTests : IDisposable
{
    private const int Interrupted = 130;
    private const int Terminated = 143;
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Sigint_in_the_middle_of_an_apply_undoes_the_run_frees_the_lock_and_exits_130()
    {
        var file = StarLab.Write(_run.State, 200);

        using var apply = StartReading(file);
        Signal(apply, "INT");
        var rest = apply.StandardOutput.ReadToEndAsync();
        var error = apply.StandardError.ReadToEnd();
        apply.WaitForExit();

        Assert.True(Interrupted == apply.ExitCode, $"exit {apply.ExitCode}\n{error}");
        Assert.Contains("SIGINT: stopping after the step under way, then undoing this run", error);
        Assert.Contains("interrupted by SIGINT: stopped after", error);
        Assert.Contains("the kernel was put back as it was before this run", error);
        Assert.DoesNotContain("Apply complete", rest.Result);
        AssertNothingLeft();
        AssertLockFree(file);
    }

    [KernelFact]
    public void Sigterm_after_a_step_of_an_apply_undoes_the_run_and_exits_143()
    {
        var file = StarLab.Write(_run.State, 50);

        var apply = _run.Process(new Dictionary<string, string> { [FaultInjection.SignalVariable] = "120:TERM" }, "apply", file, "-q");

        Assert.True(Terminated == apply.ExitCode, $"exit {apply.ExitCode}\n{apply.Error}");
        Assert.Contains("SIGTERM: stopping after the step under way", apply.Error);
        Assert.Contains("interrupted by SIGTERM: stopped after 120 of", apply.Error);
        Assert.Contains("the kernel was put back as it was before this run", apply.Error);
        AssertNothingLeft();
        AssertLockFree(file);
    }

    [KernelFact]
    public void Sigterm_in_the_middle_of_a_down_stops_it_there_and_the_next_down_finishes()
    {
        var file = StarLab.Write(_run.State, 50);
        Assert.Equal(0, Topo("apply", file, "-q").ExitCode);

        // Step 2 puts the host sysctl back; the namespaces and interfaces go in the run after it.
        var down = _run.Process(new Dictionary<string, string> { [FaultInjection.SignalVariable] = "2:TERM" }, "down", file, "-q");

        Assert.True(Terminated == down.ExitCode, $"exit {down.ExitCode}\n{down.Error}");
        Assert.Contains("interrupted by SIGTERM: stopped after 2 of", down.Error);
        Assert.Contains("down stopped here; run it again to finish", down.Error);
        Assert.NotEmpty(_run.Namespaces());
        var again = Topo("down", file, "-q", "--lock-timeout", "0");
        Assert.True(again.ExitCode == 0, again.Error);
        AssertNothingLeft();
    }

    [KernelFact]
    public void A_second_signal_stops_at_once_and_the_next_apply_takes_over()
    {
        var file = StarLab.Write(_run.State, 200);

        using var apply = StartReading(file);
        // Stdout is left unread, so the first signal's undo cannot get far: the second must not wait for it.
        Signal(apply, "TERM");
        Assert.Contains("stopping after the step under way", apply.StandardError.ReadLine());
        Signal(apply, "TERM");
        var error = apply.StandardError.ReadToEnd();
        apply.WaitForExit();

        Assert.True(Terminated == apply.ExitCode, $"exit {apply.ExitCode}\n{error}");
        Assert.Contains("SIGTERM again: stopping now", error);
        var again = Topo("apply", file, "-q", "--lock-timeout", "0");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Equal(0, Topo("plan", file, "--detailed-exitcode").ExitCode);
        Assert.Equal(0, Topo("down", file, "-q").ExitCode);
        AssertNothingLeft();
    }

    // --explain writes several lines per step: once the test stops reading, the pipe fills long
    // before the plan's end and topo blocks, so a signal lands in the middle of the apply.
    private System.Diagnostics.Process StartReading(string file)
    {
        var apply = _run.Start(null, "apply", file, "--explain");
        for (var lines = 0; lines < 60 && apply.StandardOutput.ReadLine() is not null; lines++)
        {
        }

        return apply;
    }

    // As real processes throughout: the lock and the records they leave are in the state directory of a real topo.
    private CliRun Topo(params string[] args) => _run.Process(null, args);

    private static void Signal(System.Diagnostics.Process process, string signal) => KernelSandbox.Run("kill", $"-{signal}", process.Id.ToString());

    private void AssertNothingLeft()
    {
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
        Assert.DoesNotContain("topo-star", _run.Sandbox.Witness("nft", "list", "tables"));
    }

    // --lock-timeout 0 tries the lock once: a lock still held fails at once instead of waiting.
    private void AssertLockFree(string file)
    {
        var again = Topo("apply", file, "-q", "--lock-timeout", "0");
        Assert.True(again.ExitCode == 0, again.Error);
    }
}

using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Validation;
using Topo.Linux;

namespace Topo.Cli;

/// <summary>
/// <c>topo apply FILE [--host NAME] --watch[=INTERVAL]</c>: after a first apply as any other, keeps the lab (this
/// machine's share) converged: every interval it reads the file, plans against the kernel and repairs, one line a
/// repair. A failed repair is told and tried again at the next tick; a file that turns invalid is told and the last
/// good one kept. A signal between runs ends the watch with 0; one during a run stops that run as it stops an apply.
/// </summary>
internal sealed class ApplyWatch(Terminal terminal, KernelRunner runner, ParseResult parse, FileInfo file, string? host, TimeSpan interval)
{
    /// <param name="first">The first run, as a plain apply does it and says it.</param>
    /// <param name="repair">A later run, its steps unprinted: it returns the plan carried out.</param>
    public int Run(Func<ValidatedLab, Func<KernelSession, ILogger, CancellationToken, int>> first, Func<ValidatedLab, Func<KernelSession, ILogger, CancellationToken, Plan>> repair)
    {
        if (file.ToString() == "-")
        {
            terminal.Error.WriteLine("topo: --watch reads the file again at every tick: name a file, not - (standard input)");
            return ExitCodes.Error;
        }

        using var interruption = new Interruption(terminal.Error, "undoing the run under way if there is one, and ending the watch");
        var seen = Read();
        if (runner.Load(file, host, changesKernel: true) is not { Lab: { } lab }) return ExitCodes.Error;
        var code = runner.RunInterruptible(parse, lab.Lab, interruption, first(lab));
        if (Stopped(interruption, code) is { } end) return end;
        if (code != ExitCodes.Ok) return code;

        terminal.Out.WriteLine($"Watching {file} for lab '{lab.Lab}': planning again every {Text(interval)} and when the file changes.");
        terminal.Out.Flush();
        // A wait that the first signal ends; the next run would start at once otherwise.
        while (!interruption.Token.WaitHandle.WaitOne(interval))
        {
            var now = Read();
            if (now is not null && now != seen)
            {
                seen = now;
                lab = Reloaded(lab);
            }

            var current = lab;
            code = runner.RunInterruptible(parse, current.Lab, interruption, (session, log, interrupt) => Told(repair(current)(session, log, interrupt), current));
            if (Stopped(interruption, code) is { } stopped) return stopped;
            if (code != ExitCodes.Ok) terminal.Out.WriteLine($"watch: the repair failed (told on standard error); trying again in {Text(interval)}");
            terminal.Out.Flush();
        }

        return Stopped(interruption, ExitCodes.Ok)!.Value;
    }

    // The file's content is compared at every tick rather than watched (FileSystemWatcher): a ConfigMap mounted
    // in a pod changes by swapping a symbolic link in the folder above the file, which inotify on the file misses,
    // and reading a lab file once a tick costs nothing next to reading the kernel. An unreadable file is told and
    // counts as unchanged.
    private string? Read()
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (IOException e)
        {
            terminal.Error.WriteLine($"topo: watch: cannot read {file}: {e.Message}; keeping the last good lab");
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            terminal.Error.WriteLine($"topo: watch: cannot read {file}: {e.Message}; keeping the last good lab");
            return null;
        }
    }

    // The new file's lab, or the last good one when the new one is not valid (its problems are on standard error) or
    // names another lab: that one's objects would be left to nobody, so it takes a down of the old lab first.
    private ValidatedLab Reloaded(ValidatedLab last)
    {
        if (runner.Load(file, host, changesKernel: true) is not { Lab: { } lab })
        {
            terminal.Out.WriteLine($"watch: {file} changed and is not valid (told on standard error): keeping the last good lab");
            return last;
        }

        if (lab.Lab != last.Lab)
        {
            terminal.Out.WriteLine($"watch: {file} now names lab '{lab.Lab}', not '{last.Lab}': run topo down for '{last.Lab}' first; keeping the last good lab");
            return last;
        }

        terminal.Out.WriteLine($"watch: {file} changed: applying it");
        return lab;
    }

    private int Told(Plan plan, ValidatedLab lab)
    {
        if (plan.IsEmpty) return ExitCodes.Ok;
        var s = PlanSummary.Of(plan);
        var names = NamespaceNames.Of(lab.Desired);
        var steps = string.Join(", ", plan.Steps.Select(step => $"{StepPrinter.Symbol(step.Action)} {step.Subject.Describe(names)}"));
        terminal.Out.WriteLine($"watch: repaired: {s.Add} added, {s.Change} changed, {s.Destroy} destroyed: {steps}");
        return ExitCodes.Ok;
    }

    // A run the signal stopped ends with the signal's code; one that finished before the signal was seen, with 0.
    private int? Stopped(Interruption interruption, int code)
    {
        if (interruption.Signal is null) return null;
        if (code == interruption.ExitCode) return code;
        terminal.Out.WriteLine($"watch: {interruption.Signal}: stopped; the kernel is as the last run left it");
        return ExitCodes.Ok;
    }

    private static string Text(TimeSpan span) => span.TotalSeconds >= 1 && span.Milliseconds == 0
        ? $"{span.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
        : $"{span.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms";
}

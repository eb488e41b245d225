using System.Globalization;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux;
using Topo.Linux.Execute;
using Topo.Linux.RunState;

namespace Topo.Cli.Output;

/// <summary>
/// One line per step: on a terminal the line is rewritten while the step runs; otherwise plain
/// lines. Quiet prints nothing. Attached namespaces are named by <paramref name="names"/> (their nodes, when the file is at hand).
/// </summary>
public sealed class StepPrinter(Terminal terminal, bool quiet, NamespaceNames? names = null) : IStepObserver
{
    private readonly NamespaceNames _names = names ?? NamespaceNames.Plain;

    public void Starting(Change step, int index, int count)
    {
        if (quiet || !terminal.IsInteractive) return;
        terminal.Out.Write($"\r  [{index}/{count}] {Symbol(step.Action)} {step.Subject.Describe(_names)} ...");
    }

    public void Done(Change step, int index, int count, TimeSpan took)
    {
        if (quiet) return;
        var line = $"  [{index}/{count}] {Symbol(step.Action)} {step.Subject.Describe(_names)} ({took.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture)} ms)";
        terminal.Out.WriteLine(terminal.IsInteractive ? "\r" + line + "\u001b[K" : line);
    }

    public void RollingBack(Change? failed, int steps)
    {
        if (terminal.IsInteractive && !quiet) terminal.Out.WriteLine();
        var why = failed is null ? "" : $"{Symbol(failed.Action)} {failed.Subject.Describe(_names)} failed; ";
        terminal.Error.WriteLine($"topo: {why}undoing this run ({Counted.Of(steps, "step", "steps")})");
    }

    public static string Symbol(ChangeAction action) => action switch
    {
        ChangeAction.Create => "+",
        ChangeAction.Update => "~",
        ChangeAction.Replace => "-/+",
        _ => "-",
    };
}

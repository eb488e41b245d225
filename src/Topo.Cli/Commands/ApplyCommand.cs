using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Linux;
using Topo.Core.Validation;
using Microsoft.Extensions.Logging;

namespace Topo.Cli.Commands;

/// <summary><c>topo apply FILE</c>: plan, carry the plan out, read the kernel again and check.</summary>
public static class ApplyCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print the plan (the same as topo plan)." };
        var explain = PlanCommand.ExplainOption();
        var watch = new WatchOption();
        var hold = new HoldOption();
        var command = new Command("apply", "Make the kernel match the lab file; undo this run's changes if a step fails.")
        {
            common.File, common.Host, dryRun, common.Quiet, common.LockTimeout, explain, watch.Option, hold.Option,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(common.File);
            if (parse.GetValue(dryRun)) return PlanCommand.Run(parse, terminal, runner, file, json: false, detailedExitCode: false, parse.GetValue(explain));
            var host = parse.GetValue<string?>(CommonOptions.HostName);
            Func<ValidatedLab, bool, Func<KernelSession, ILogger, CancellationToken, Plan>> once = (lab, quiet) => (session, log, interrupt) =>
            {
                using var guard = LabLock.Acquire(runner.Options.StateDirectory, lab.Lab, TimeSpan.FromSeconds(parse.GetValue(common.LockTimeout)));
                IStepObserver printer = new StepPrinter(terminal, quiet, NamespaceNames.Of(lab.Desired));
                if (parse.GetValue(explain)) printer = new Explaining(printer, terminal, lab.Lab, runner.Options.StateDirectory);
                return new Reconciler(session, log, interrupt) { Approve = hold.Gate(parse, terminal) }.Apply(lab.Desired, KernelRunner.Observing(printer, interrupt));
            };
            Func<ValidatedLab, Func<KernelSession, ILogger, CancellationToken, int>> first = lab => (session, log, interrupt) =>
            {
                var plan = once(lab, parse.GetValue(common.Quiet))(session, log, interrupt);
                var s = PlanSummary.Of(plan);
                foreach (var waiting in plan.Waiting) terminal.Error.WriteLine($"topo: warning: {Waiting.Line(waiting)} (it is made once it is there)");
                terminal.Out.WriteLine(plan.IsEmpty
                    ? $"No changes. Lab '{lab.Lab}' already matches {file}."
                    : $"Apply complete: {s.Add} added, {s.Change} changed, {s.Destroy} destroyed. The kernel matches {file}.");
                return ExitCodes.Ok;
            };
            if (parse.GetResult(watch.Option) is { Implicit: false })
                return new ApplyWatch(terminal, runner, parse, file, host, parse.GetValue(watch.Option)).Run(first, lab => once(lab, true));
            if (runner.Load(file, host, changesKernel: true) is not { Lab: { } loaded }) return ExitCodes.Error;
            return runner.RunInterruptible(parse, loaded.Lab, "undoing this run", first(loaded));
        });
        return command;
    }

    /// <summary>Under each step's line, once it is done, the commands that would have done it by hand.</summary>
    private sealed class Explaining(IStepObserver inner, Terminal terminal, string lab, string stateDirectory) : IStepObserver
    {
        public void Starting(Change step, int index, int count) => inner.Starting(step, index, count);

        public void Done(Change step, int index, int count, TimeSpan took)
        {
            inner.Done(step, index, count, took);
            terminal.Out.Write(ExplainText.Transcript(StepCommands.Of(step, lab, stateDirectory)));
        }

        public void RollingBack(Change? failed, int steps) => inner.RollingBack(failed, steps);
    }
}

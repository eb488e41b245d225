using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Linux;

namespace Topo.Cli.Commands;

/// <summary><c>topo apply FILE</c>: plan, carry the plan out, read the kernel again and check.</summary>
public static class ApplyCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var dryRun = new Option<bool>("--dry-run") { Description = "Only print the plan (the same as topo plan)." };
        var explain = PlanCommand.ExplainOption();
        var command = new Command("apply", "Make the kernel match the lab file; undo this run's changes if a step fails.")
        {
            common.File, common.Host, dryRun, common.Quiet, common.LockTimeout, explain,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(common.File);
            if (parse.GetValue(dryRun)) return PlanCommand.Run(parse, terminal, runner, file, json: false, detailedExitCode: false, parse.GetValue(explain));
            if (runner.Load(file, parse.GetValue<string?>(CommonOptions.HostName), changesKernel: true) is not { Lab: { } lab }) return ExitCodes.Error;
            return runner.RunInterruptible(parse, lab.Lab, "undoing this run", (session, log, interrupt) =>
            {
                using var guard = LabLock.Acquire(runner.Options.StateDirectory, lab.Lab, TimeSpan.FromSeconds(parse.GetValue(common.LockTimeout)));
                IStepObserver printer = new StepPrinter(terminal, parse.GetValue(common.Quiet), NamespaceNames.Of(lab.Desired));
                if (parse.GetValue(explain)) printer = new Explaining(printer, terminal, lab.Lab, runner.Options.StateDirectory);
                var plan = new Reconciler(session, log, interrupt).Apply(lab.Desired, KernelRunner.Observing(printer, interrupt));
                var s = PlanSummary.Of(plan);
                terminal.Out.WriteLine(plan.IsEmpty
                    ? $"No changes. Lab '{lab.Lab}' already matches {file}."
                    : $"Apply complete: {s.Add} added, {s.Change} changed, {s.Destroy} destroyed. The kernel matches {file}.");
                return ExitCodes.Ok;
            });
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

using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.RunState;
using Topo.Core.Kinds;

namespace Topo.Cli.Commands;

/// <summary><c>topo down FILE</c> or <c>topo down --lab LAB</c>: delete everything the kernel marks as the lab's.</summary>
public static class DownCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var hold = new HoldOption();
        var file = new Argument<FileInfo?>("FILE") { Description = "The lab file (or use --lab).", Arity = ArgumentArity.ZeroOrOne };
        var labOption = new Option<string?>("--lab") { Description = "The lab's name: find its objects from their marks alone (an empty name in /run/netns that a killed apply left is removed only by down FILE, which knows the lab's names)." };
        var command = new Command("down", "Delete everything the lab owns, in reverse order; restore host sysctls.")
        {
            file, labOption, common.Host, common.Quiet, common.LockTimeout, hold.Option,
        };
        command.SetAction(parse =>
        {
            var lab = parse.GetValue(labOption);
            IEnumerable<Netns> attached = [];
            IEnumerable<string> wanted = [];
            var names = NamespaceNames.Plain;
            if (parse.GetValue(file) is { } path)
            {
                if (runner.Load(path, parse.GetValue<string?>(CommonOptions.HostName)) is not { Lab: { } loaded }) return ExitCodes.Error;
                lab = loaded.Lab;
                attached = loaded.Desired.Attached.Select(a => a.Ns);
                wanted = loaded.Desired.Resources.OfType<NamespaceResource>().Select(n => n.Name);
                names = NamespaceNames.Of(loaded.Desired);
            }

            if (lab is null)
            {
                terminal.Error.WriteLine("topo: down needs a lab file or --lab LAB");
                return ExitCodes.Error;
            }

            return runner.RunInterruptible(parse, lab, "leaving the rest for the next down", (session, log, interrupt) =>
            {
                using var guard = LabLock.Acquire(runner.Options.StateDirectory, lab, TimeSpan.FromSeconds(parse.GetValue(common.LockTimeout)));
                var printer = new StepPrinter(terminal, parse.GetValue(common.Quiet), names);
                var plan = new Reconciler(session, log, interrupt) { Approve = hold.Gate(parse, terminal) }.Down(KernelRunner.Observing(printer, interrupt), attached);
                // Only names the file wants: an empty name carries no mark, and under --lab it may be
                // another program's namespace between its creation and its mount.
                var emptied = session.RemovePlaceholders(wanted);
                foreach (var path in emptied) terminal.Out.WriteLine($"Removed {path}: an empty name an interrupted apply left, with no namespace on it.");
                terminal.Out.WriteLine(plan.IsEmpty && emptied.Count == 0
                    ? $"Lab '{lab}' is not there: nothing to delete."
                    : $"Down complete: lab '{lab}' is gone ({Counted.Of(plan.Steps.Length, "step", "steps")}).");
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}

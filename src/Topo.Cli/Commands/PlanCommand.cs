using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.RunState;

namespace Topo.Cli.Commands;

/// <summary><c>topo plan FILE</c>: read the kernel and print what apply would do; change nothing.</summary>
public static class PlanCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var detailed = new Option<bool>("--detailed-exitcode") { Description = "Exit 2 when there are changes (0 none, 1 error)." };
        var explain = ExplainOption();
        var command = new Command("plan", "Read the kernel and print the ordered changes apply would make; change nothing.")
        {
            common.File, common.Host, common.Output, detailed, explain,
        };
        command.SetAction(parse => Run(parse, terminal, runner, parse.GetRequiredValue(common.File), parse.GetValue(common.Output) == "json", parse.GetValue(detailed), parse.GetValue(explain)));
        return command;
    }

    /// <summary><c>--explain</c>, shared with apply.</summary>
    public static Option<bool> ExplainOption() =>
        new("--explain") { Description = "Show under each step the ip, nft and sysctl commands that would do the same by hand." };

    public static int Run(ParseResult parse, Terminal terminal, KernelRunner runner, FileInfo file, bool json, bool detailedExitCode, bool explain = false)
    {
        if (json && explain)
        {
            terminal.Error.WriteLine("topo: --explain writes commands as text; it does not go with --output json");
            return ExitCodes.Error;
        }

        if (runner.Load(file, parse.GetValue<string?>(CommonOptions.HostName), changesKernel: true) is not { Lab: { } lab }) return ExitCodes.Error;
        return runner.Run(parse, lab.Lab, (session, log) =>
        {
            var (_, result) = new Reconciler(session, log).Plan(lab.Desired);
            if (!result.Ok) throw new ConflictException(result.Conflicts);
            terminal.Out.Write(
                json ? PlanJson.Write(result.Plan)
                : explain ? ExplainText.Render(result.Plan, runner.Options.StateDirectory, NamespaceNames.Of(lab.Desired))
                : PlanText.Render(result.Plan, color: terminal.IsInteractive, NamespaceNames.Of(lab.Desired)));
            return detailedExitCode && !result.Plan.IsEmpty ? ExitCodes.Changes : ExitCodes.Ok;
        });
    }
}

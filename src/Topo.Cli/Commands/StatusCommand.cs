using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.RunState;

namespace Topo.Cli.Commands;

/// <summary><c>topo status FILE</c>: every object of the lab and how it differs from the file. 0 in sync, 2 drift.</summary>
public static class StatusCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var command = new Command("status", "Show every object of the lab and how it differs from the file (drift).") { common.File, common.Host, common.Output };
        command.SetAction(parse =>
        {
            if (runner.Load(parse.GetRequiredValue(common.File), parse.GetValue<string?>(CommonOptions.HostName)) is not { Lab: { } lab }) return ExitCodes.Error;
            return runner.Run(parse, lab.Lab, (session, log) =>
            {
                var report = new Reconciler(session, log).Status(lab.Desired);
                terminal.Out.Write(parse.GetValue(common.Output) == "json" ? StatusJson.Write(report) + "\n" : StatusText.Render(report, NamespaceNames.Of(lab.Desired)));
                return report.InSync ? ExitCodes.Ok : ExitCodes.Changes;
            });
        });
        return command;
    }
}

using System.CommandLine;
using Topo.Cli.Output;
using Topo.Linux.Probes;

namespace Topo.Cli.Commands;

/// <summary><c>topo check FILE</c>: run the file's checks inside its namespaces. 0 when all hold, 1 otherwise.</summary>
public static class CheckCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var noStandIn = new Option<bool>("--no-standin")
        {
            Description = "Start no stand-in listener for any check: a TCP or UDP check then proves a real service, as standin: false does for one.",
        };
        var command = new Command("check", "Run the file's checks (ping, TCP, UDP) from inside the lab's namespaces; a table of expected and seen.")
        {
            common.File, common.Host, common.Output, noStandIn,
        };
        command.SetAction(parse =>
        {
            if (runner.Load(parse.GetRequiredValue(common.File), parse.GetValue<string?>(CommonOptions.HostName)) is not { Lab: { } lab }) return ExitCodes.Error;
            return runner.Run(parse, log =>
            {
                // The probes open their own threads in each namespace: no session is needed.
                var checks = parse.GetValue(noStandIn) ? [.. lab.Checks.Select(c => c with { StandIn = false })] : lab.Checks;
                var results = CheckRun.Run(checks, lab.Desired, runner.Options, log).GetAwaiter().GetResult();
                terminal.Out.Write(parse.GetValue(common.Output) == "json" ? CheckTableJson.Write(lab.Lab, results) + "\n" : CheckTable.Render(results));
                return results.All(r => r.Holds) ? ExitCodes.Ok : ExitCodes.Error;
            });
        });
        return command;
    }
}

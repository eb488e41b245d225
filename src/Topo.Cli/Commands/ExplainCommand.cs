using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo explain FILE</c>: the script that builds the whole lab by hand, whatever the kernel holds now (on an
/// applied lab <c>plan --explain</c> has nothing to say). It plans against an empty kernel, so it reads none
/// and needs no root.
/// </summary>
public static class ExplainCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var command = new Command("explain", "Print the whole lab as the ip, nft and sysctl script that builds it from nothing; read and change nothing.")
        {
            common.File, common.Host,
        };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(common.File);
            var host = parse.GetValue<string?>(CommonOptions.HostName);
            if (runner.Load(file, host, readsKernel: false) is not { Lab: { } lab }) return ExitCodes.Error;
            var planned = Planner.Plan(lab.Desired, LabState.Empty(lab.Lab)).Plan;
            // An empty kernel has none of the machine's interfaces: the ports that wait for them come last, as made.
            var plan = planned with { Steps = [.. planned.Steps, .. planned.Waiting.Select(w => new Change(ChangeAction.Create, null, w, []))], Waiting = [] };
            terminal.Out.Write(ExplainScript.Render(plan, file.ToString(), runner.Options.StateDirectory, NamespaceNames.Of(lab.Desired), host));
            return ExitCodes.Ok;
        });
        return command;
    }
}

using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core.State;
using Topo.Linux.Execute;
using Topo.Linux.Read;
using Topo.Linux.RunState;
using Topo.Linux.Namespaces;
using Topo.Core.Kinds;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo inspect FILE</c> or <c>topo inspect --lab LAB</c>: what the kernel holds for the lab, per
/// namespace: interfaces with their veth peers (<c>eth0@if8</c> worked out), masters, MACs, MTUs,
/// addresses, routes, and the lab's NAT rules.
/// </summary>
public static class InspectCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var file = new Argument<FileInfo?>("FILE") { Description = "The lab file (or use --lab).", Arity = ArgumentArity.ZeroOrOne };
        var labOption = new Option<string?>("--lab") { Description = "The lab's name: its namespaces are found by their marks." };
        var command = new Command("inspect", "Show the lab's namespaces, interfaces, veth peers, bridge ports, addresses, routes and NAT rules.")
        {
            file, labOption, common.Host, common.Output,
        };
        command.SetAction(parse =>
        {
            var lab = parse.GetValue(labOption);
            IReadOnlyCollection<string> nodes = [];
            IReadOnlyCollection<Netns> attached = [];
            var names = NamespaceNames.Plain;
            if (parse.GetValue(file) is { } path)
            {
                if (runner.Load(path, parse.GetValue<string?>(CommonOptions.HostName)) is not { Lab: { } loaded }) return ExitCodes.Error;
                lab = loaded.Lab;
                nodes = [.. loaded.Desired.Resources.OfType<NamespaceResource>().Select(n => n.Name)];
                attached = [.. loaded.Desired.Attached.Select(a => a.Ns)];
                names = NamespaceNames.Of(loaded.Desired);
            }
            else if (lab is not null)
            {
                // Without the file, the namespaces the lab's last apply attached to are those it recorded.
                attached = AttachedRecord.Read(runner.Options.StateDirectory, lab);
            }

            if (lab is null)
            {
                terminal.Error.WriteLine("topo: inspect needs a lab file or --lab LAB");
                return ExitCodes.Error;
            }

            return InspectGuard.Run(terminal, runner.Options, new NamespaceChoice(nodes, lab) { Attached = attached }, view =>
            {
                terminal.Out.Write(parse.GetValue(common.Output) == "json" ? InspectJson.Write(lab, view) + "\n" : InspectText.Render(lab, view, names));
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}

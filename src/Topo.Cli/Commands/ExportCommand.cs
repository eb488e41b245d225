using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core;
using Topo.Core.Export;
using Topo.Linux.Read;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo export --lab LAB</c> or <c>topo export --netns NAME...</c>: the lab file that rebuilds
/// what the kernel holds now, also for namespaces a tutorial built by hand. The file is checked
/// with the validator before it is handed out; what it cannot say goes to standard error.
/// </summary>
public static class ExportCommand
{
    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var labOption = new Option<string?>("--lab") { Description = "Export the namespaces marked as this lab's, and its NAT and port rules." };
        var netns = new Option<string[]>("--netns") { Description = "Export these named namespaces (repeat, or list them after one --netns).", AllowMultipleArgumentsPerToken = true };
        var includeHost = new Option<bool>("--include-host") { Description = "Also export the host's forwarding sysctls and its routes through the exported interfaces (always with --lab)." };
        var macs = new Option<bool>("--macs") { Description = "Also write every MAC address (the kernel's random ones too)." };
        var name = new Option<string?>("--name") { Description = "The lab name the file gets (default: --lab's, else 'exported')." };
        var output = new Option<FileInfo?>("--output-file", "-o") { Description = "Write the file here instead of standard output." };
        var command = new Command("export", "Write the lab file that rebuilds what the kernel holds now (a lab, or namespaces built by hand).")
        {
            labOption, netns, includeHost, macs, name, output,
        };
        command.SetAction(parse =>
        {
            var lab = parse.GetValue(labOption);
            var names = parse.GetValue(netns) ?? [];
            if (lab is null && names.Length == 0)
            {
                terminal.Error.WriteLine("topo: export needs --lab LAB or --netns NAME...");
                return ExitCodes.Error;
            }

            return InspectGuard.Run(terminal, runner.Options, new NamespaceChoice(names, lab), view =>
            {
                if (names.FirstOrDefault(n => !view.Namespaces.Contains(n)) is { } missing)
                {
                    terminal.Error.WriteLine($"topo: there is no namespace '{missing}' (ip netns list shows the named ones)");
                    return ExitCodes.Error;
                }

                var options = new ExportOptions(parse.GetValue(name) ?? lab ?? "exported", parse.GetValue(includeHost) || lab is not null, parse.GetValue(macs));
                var result = LabExporter.Export(view, options);
                foreach (var warning in result.Warnings) terminal.Error.WriteLine($"topo: export: {warning}");
                if (parse.GetValue(output) is { } file) File.WriteAllText(file.FullName, result.Text);
                else terminal.Out.Write(result.Text);

                var check = LabLoader.LoadText(parse.GetValue(output)?.ToString() ?? "(exported)", result.Text);
                if (check.Ok) return ExitCodes.Ok;
                terminal.Error.WriteLine("topo: the exported file does not validate; it was written anyway, to be fixed by hand:");
                foreach (var line in check.Lines) terminal.Error.WriteLine(line);
                return ExitCodes.Error;
            });
        });
        return command;
    }
}

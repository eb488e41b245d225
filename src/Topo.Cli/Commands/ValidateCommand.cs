using System.CommandLine;
using Topo.Cli.Output;
using Topo.Core;

namespace Topo.Cli.Commands;

/// <summary><c>topo validate FILE</c>: parse and check, touch nothing. 0 valid, 1 invalid.</summary>
public static class ValidateCommand
{
    public static Command Create(Terminal terminal)
    {
        var common = new CommonOptions();
        var command = new Command("validate", "Parse and check a lab file; touch nothing.") { common.File, common.Output };
        command.SetAction(parse =>
        {
            var file = parse.GetRequiredValue(common.File);
            var result = LabLoader.Load(file.ToString());
            if (parse.GetValue(common.Output) == "json")
            {
                terminal.Out.WriteLine(ValidationJson.Write(result));
            }
            else if (result.Ok)
            {
                terminal.Out.WriteLine($"{file}: valid lab '{result.Lab!.Lab}' ({LabSummary.Describe(result.Lab.Desired)})");
            }

            if (!result.Ok)
            {
                foreach (var line in result.Lines) terminal.Error.WriteLine(line);
            }

            return result.Ok ? ExitCodes.Ok : ExitCodes.Error;
        });
        return command;
    }
}

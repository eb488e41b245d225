using Topo.Core;
using Topo.Core.Validation;
using System.CommandLine;
using Topo.Cli.Commands;
using Topo.Linux;

namespace Topo.Cli;

/// <summary>The <c>topo</c> command tree. Commands only parse arguments, call the engine and render.</summary>
public static class TopoApp
{
    /// <param name="kernel">Where the host namespace and state live; tests point it at a sandbox.</param>
    public static int Run(string[] args, Terminal terminal, KernelOptions? kernel = null)
    {
        var parse = Parse(args, terminal, kernel);
        if (UnknownOptions.Report(parse, terminal)) return ExitCodes.Error;
        var config = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error };
        return Spanning(parse) is { } spanning
            ? new HostFanOut(terminal, kernel ?? new KernelOptions()).Execute(parse.CommandResult.Command.Name, args, spanning.File, spanning.Lab, WritesJson(parse))
            : parse.Invoke(config);
    }

    /// <summary>The command line parsed by the command tree, run nothing: a manifest's command is checked with it.</summary>
    public static ParseResult Parse(string[] args, Terminal terminal, KernelOptions? kernel = null)
    {
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log what topo does (reads, plan, each step's time) to standard error.", Recursive = true };
        var runner = new KernelRunner(terminal, kernel ?? new KernelOptions(), verbose);
        var root = new RootCommand("topo: declarative network labs (namespaces, veth, bridges, NAT) reconciled over netlink")
        {
            verbose,
            ValidateCommand.Create(terminal),
            PlanCommand.Create(terminal, runner),
            ApplyCommand.Create(terminal, runner),
            DownCommand.Create(terminal, runner),
            StatusCommand.Create(terminal, runner),
            ExecCommand.Create(terminal, runner),
            GraphCommand.Create(terminal, runner),
            CheckCommand.Create(terminal, runner),
            InspectCommand.Create(terminal, runner),
            ExportCommand.Create(terminal, runner),
            ExplainCommand.Create(terminal, runner),
            TraceCommand.Create(terminal, runner),
            CaptureCommand.Create(terminal, runner),
        };
        CompletionCommand.AddTo(root, terminal);
        return root.Parse(args);
    }

    private static bool WritesJson(ParseResult parse) =>
        parse.CommandResult.Command.Options.Any(o => o.Name == "--output") && parse.GetValue<string>("--output") == "json";

    // A command on a lab of several machines without --host runs on all of them (HostFanOut); a lab the
    // file does not make valid goes the usual way, which reports it.
    private static (string File, ValidatedLab Lab)? Spanning(ParseResult parse)
    {
        if (parse.Errors.Count > 0 || !HostFanOut.Commands.Contains(parse.CommandResult.Command.Name)) return null;
        var command = parse.CommandResult.Command;
        if (parse.GetValue<string?>(CommonOptions.HostName) is not null) return null;
        if (command.Options.Any(o => o.Name == "--dry-run") && parse.GetValue<bool>("--dry-run")) return null;
        // A watch keeps one machine's share: on a lab of several it is refused for the missing --host, not fanned out.
        if (command.Options.FirstOrDefault(o => o.Name == "--watch") is { } watch && parse.GetResult(watch) is { Implicit: false }) return null;
        if (command.Arguments.FirstOrDefault(a => a.Name == "FILE") is not Argument<FileInfo> argument || parse.GetResult(argument) is not { Implicit: false, Tokens.Count: > 0 }) return null;
        if (parse.GetValue(argument) is not { } file || file.ToString() == "-" || !file.Exists) return null;
        // Only a file with hosts: is validated here; the command validates every file itself. A file without the
        // word is not parsed twice: no spelling of the key in YAML lacks it.
        var text = File.ReadAllText(file.FullName);
        if (!text.Contains("hosts", StringComparison.Ordinal)) return null;
        if (Topo.Core.Parsing.LabParser.ParseFile(file.ToString()) is not { Ok: true, Lab.Hosts.IsEmpty: false }) return null;
        return LabLoader.Load(file.ToString()) is { Ok: true, Lab: { Spans: true } lab } ? (file.ToString(), lab) : null;
    }
}

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
        };
        CompletionCommand.AddTo(root, terminal);
        var config = new InvocationConfiguration { Output = terminal.Out, Error = terminal.Error };
        var parse = root.Parse(args);
        return UnknownOptions.Report(parse, terminal) ? ExitCodes.Error : parse.Invoke(config);
    }
}

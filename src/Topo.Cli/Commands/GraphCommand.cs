using System.CommandLine;
using System.Diagnostics;
using Topo.Core.Graph;
using Topo.Linux.Execute;
using Topo.Linux.RunState;

namespace Topo.Cli.Commands;

/// <summary>
/// <c>topo graph FILE</c>: the lab as a picture, in Mermaid or DOT written by topo, or SVG drawn by
/// Graphviz's <c>dot</c>. <c>--live</c> reads the kernel and marks what has drifted, as status sees it. A lab
/// of several hosts is drawn whole, a group per host, unless <c>--host</c> names one; <c>--live</c> needs that.
/// </summary>
public static class GraphCommand
{
    public const string NoDot = "topo graph --format svg needs Graphviz's dot: apt-get install graphviz";

    public static Command Create(Terminal terminal, KernelRunner runner)
    {
        var common = new CommonOptions();
        var format = new Option<string>("--format")
        {
            Description = "mermaid (default), dot, or svg (needs Graphviz's dot).",
            DefaultValueFactory = _ => "mermaid",
        }.AcceptOnlyFromAmong("mermaid", "dot", "svg");
        var live = new Option<bool>("--live") { Description = "Read the kernel and mark what is missing, different or extra." };
        var command = new Command("graph", "Draw the lab: nodes, bridges, the host, links with interfaces and addresses, NAT and published ports.")
        {
            common.File, common.Host, format, live,
        };
        command.SetAction(parse =>
        {
            var host = parse.GetValue<string?>(CommonOptions.HostName);
            if (runner.Load(parse.GetRequiredValue(common.File), host, readsKernel: parse.GetValue(live), whole: true) is not { Lab: { } lab }) return ExitCodes.Error;
            // Shares left: a lab of several hosts taken whole, whose kernels are on other machines.
            if (parse.GetValue(live) && !lab.Shares.IsEmpty)
            {
                terminal.Error.WriteLine($"topo: graph --live reads this machine's kernel only: lab '{lab.Lab}' spans hosts {string.Join(", ", lab.Hosts.Select(h => h.Name))}; name the one this machine is with --host NAME, or leave out --live to draw every host");
                return ExitCodes.Error;
            }

            var chosen = parse.GetValue(format) ?? "mermaid";
            if (chosen == "svg" && FindDot() is null)
            {
                terminal.Error.WriteLine(NoDot);
                return ExitCodes.Error;
            }

            if (!parse.GetValue(live)) return Write(terminal, LabGraphBuilder.Of(lab), chosen);
            return runner.Run(parse, lab.Lab, (session, log) =>
                Write(terminal, LabGraphBuilder.Live(new Reconciler(session, log).Status(lab.Desired), lab.Desired.Shared), chosen));
        });
        return command;
    }

    private static int Write(Terminal terminal, LabGraph graph, string format)
    {
        if (format == "mermaid")
        {
            terminal.Out.Write(MermaidWriter.Write(graph));
            return ExitCodes.Ok;
        }

        var dot = DotWriter.Write(graph);
        if (format == "dot")
        {
            terminal.Out.Write(dot);
            return ExitCodes.Ok;
        }

        return Svg(terminal, dot);
    }

    private static int Svg(Terminal terminal, string dot)
    {
        var start = new ProcessStartInfo(FindDot()!, "-Tsvg") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var svg = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(dot);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            terminal.Error.WriteLine($"topo: dot -Tsvg failed: {errors.Result.Trim()}");
            return ExitCodes.Error;
        }

        terminal.Out.Write(svg.Result);
        return ExitCodes.Ok;
    }

    /// <summary>Graphviz's <c>dot</c> on the PATH, or null: asked before anything else, so the message comes at once.</summary>
    public static string? FindDot() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "dot"))
            .FirstOrDefault(File.Exists);
}

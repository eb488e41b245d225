using System.Runtime.CompilerServices;
using Topo.Cli;

namespace Topo.Cli.Tests;

/// <summary>Runs the topo command tree in-process and keeps what it printed.</summary>
public sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = TopoApp.Run(args, new Terminal(stdout, stderr, IsInteractive: false));
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The repository root (the folder holding Topo.sln), found from this source file.</summary>
    public static string Repo([CallerFilePath] string here = "")
    {
        var dir = new DirectoryInfo(Path.GetDirectoryName(here)!);
        while (!File.Exists(Path.Combine(dir.FullName, "Topo.sln"))) dir = dir.Parent!;
        return dir.FullName;
    }
}

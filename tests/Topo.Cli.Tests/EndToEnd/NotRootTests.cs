using Topo.Testing.Kernel;
using System.Diagnostics;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>Without root, a command that changes the kernel says so in one line and exits 1, before any change.</summary>
public sealed class NotRootTests
{
    [Topo.Testing.Kernel.KernelFact]
    public void Apply_as_nobody_is_one_clear_line_and_exit_1()
    {
        var topo = Path.Combine(AppContext.BaseDirectory, "topo.dll");
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["--reuid=65534", "--regid=65534", "--clear-groups", "--", "dotnet", topo, "apply", LabRun.Example("01-veth-pair.yaml")])
            start.ArgumentList.Add(a);
        start.Environment["HOME"] = Path.GetTempPath();
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();

        var done = FinishedProcess.Run(start);

        Assert.Equal(1, done.ExitCode);
        Assert.Equal("", done.Out);
        Assert.Equal("topo: this command works inside network namespaces and needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN): run it with sudo\n", done.Error);
    }
}

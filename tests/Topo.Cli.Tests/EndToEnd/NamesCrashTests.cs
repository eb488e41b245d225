using Topo.Linux.Execute;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>A topo killed after any step of applying a lab with names, its hosts files the last: the next apply converges, down leaves no file.</summary>
[Collection(LabCollection.Name)]
public sealed class NamesCrashTests : IDisposable
{
    private const int Killed = 137;
    private static readonly string[] Nodes = ["nk1", "nk2", "nk3"];
    private readonly LabRun _run = new();
    private readonly string _file;

    public NamesCrashTests()
    {
        _file = Path.Combine(_run.State, "names-kill.yaml");
        File.WriteAllText(_file, """
            version: 1
            lab: names-kill
            names: true
            bridges:
              nkbr: {subnet: 10.78.0.0/24}
            nodes:
              nk1: {}
              nk2: {}
              nk3: {}
            links:
              - [nk1:eth0, nkbr]
              - [nk2:eth0, nkbr]
              - [nk3:eth0, nkbr]
            """);
    }

    public void Dispose()
    {
        _run.Dispose();
        foreach (var node in Nodes.Where(n => Directory.Exists($"/etc/netns/{n}"))) Directory.Delete($"/etc/netns/{node}", recursive: true);
    }

    [KernelFact]
    public void Killed_after_any_step_of_a_lab_with_names_the_next_apply_converges_and_down_removes_the_files()
    {
        var plan = _run.Topo("plan", _file);
        Assert.Equal(Nodes.Length, plan.Out.Split('\n').Count(l => l.Contains("+ hosts file /etc/netns/", StringComparison.Ordinal)));
        var steps = int.Parse(plan.Out.Split('\n').Single(l => l.StartsWith("Plan: ", StringComparison.Ordinal)).Split(' ')[1]);

        // Up to the last step: the hosts files come last, and the kill after the last one lands before the verifying read.
        for (var k = 1; k <= steps; k++)
        {
            var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.Variable] = k.ToString() }, "apply", _file, "-q");
            Assert.True(Killed == killed.ExitCode, $"kill after step {k}: exit {killed.ExitCode}\n{killed.Error}");

            var apply = _run.Topo("apply", _file, "-q");
            Assert.True(apply.ExitCode == 0, $"apply after a kill at step {k}: {apply.Error}");
            var again = _run.Topo("plan", _file, "--detailed-exitcode");
            Assert.True(again.ExitCode == 0, $"plan after the repairing apply (kill at step {k}):\n{again.Out}{again.Error}");
            Assert.All(Nodes, n => Assert.StartsWith("# topo:names-kill ", File.ReadAllText($"/etc/netns/{n}/hosts"), StringComparison.Ordinal));

            var down = _run.Topo("down", _file, "-q");
            Assert.True(down.ExitCode == 0, $"down after a kill at step {k}:\n{down.Out}{down.Error}");
            Assert.Empty(_run.Namespaces());
            Assert.All(Nodes, n => Assert.False(File.Exists($"/etc/netns/{n}/hosts"), $"{n}'s hosts file is left after a kill at step {k}"));
        }
    }
}

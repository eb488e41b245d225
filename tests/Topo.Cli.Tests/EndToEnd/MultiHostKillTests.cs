using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// kill -9 of the fan-out in the middle of an apply: the sandbox's root is h1 here (it holds the
/// underlay's operator address), so h1's share runs inside the fan-out's process and
/// TOPO_FAULT_KILL_AFTER_STEP kills that process after h1's second step, while h2's and h3's run over ssh.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class MultiHostKillTests : IDisposable
{
    private readonly MultiHostWorld _world = new();
    private readonly string _file;
    private readonly Dictionary<string, string> _ssh;

    public MultiHostKillTests()
    {
        _file = Path.Combine(_world.Run.State, "span-root.yaml");
        File.WriteAllText(_file, MultiHostWorld.Lab.Replace("h1: {underlay: 192.0.2.11}", $"h1: {{underlay: {SimulatedHosts.OperatorAddress}}}", StringComparison.Ordinal));
        _ssh = new()
        {
            ["TOPO_SSH_CONFIG"] = _world.Hosts.SshConfig,
            ["TOPO_SSH_REMOTE_COMMAND"] = string.Join(' ', MultiHostWorld.RemoteTopo),
        };
    }

    public void Dispose() => _world.Dispose();

    [KernelFact]
    public void A_fan_out_killed_midway_is_taken_over_by_the_next_apply_on_every_machine()
    {
        using (var killed = _world.Run.Start(new Dictionary<string, string>(_ssh) { ["TOPO_FAULT_KILL_AFTER_STEP"] = "2" }, "apply", _file, "-q"))
        {
            killed.StandardOutput.ReadToEnd();
            killed.WaitForExit();
            Assert.Equal(137, killed.ExitCode);
        }

        // h1 stopped after its second step: its share is not there yet.
        var local = _world.Run.Process(_ssh, "plan", _file, "--host", "h1", "--detailed-exitcode");
        Assert.True(local.ExitCode == 2, local.Out + local.Error);

        var again = _world.Run.Process(_ssh, "apply", _file, "-q");
        Assert.True(again.ExitCode == 0, again.Out + again.Error);
        Assert.Contains("h1 (this machine):", again.Out);
        var plan = _world.Run.Process(_ssh, "plan", _file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Equal(3, plan.Out.Split('\n').Count(l => l.Contains("No changes", StringComparison.Ordinal)));
        Assert.True(_world.Pings("a3", "10.0.9.2"), "a3 on h3 reaches a1 on the sandbox's root over ov0");

        var down = _world.Run.Process(_ssh, "down", _file, "-q");
        Assert.True(down.ExitCode == 0, down.Out + down.Error);
        Assert.Empty(_world.Run.Namespaces());
        Assert.Equal("", _world.Netns("h2"));
        Assert.Equal("", _world.Netns("h3"));
    }
}

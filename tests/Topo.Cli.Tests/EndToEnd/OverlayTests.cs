using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// examples/08-overlay.yaml on two simulated machines, each with its own network and mount namespaces on an
/// underlay bridge: each applies its own share with <c>--host</c>, and then nodes on different machines reach
/// each other over the overlay bridge and over the link between machines.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class OverlayTests : IDisposable
{
    private static readonly string File = LabRun.Example("08-overlay.yaml");

    private readonly LabRun _run = new();
    private readonly SimulatedHosts _hosts;

    public OverlayTests() => _hosts = new SimulatedHosts(_run.Sandbox, 2);

    public void Dispose()
    {
        _hosts.Dispose();
        _run.Dispose();
    }

    private (int Code, string Out) Topo(string host, params string[] args)
    {
        var topo = Path.Combine(AppContext.BaseDirectory, "topo.dll");
        var command = _hosts[host].Enter(["dotnet", topo, .. args]);
        var start = new System.Diagnostics.ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command[1..]) start.ArgumentList.Add(a);
        var done = FinishedProcess.Run(start);
        return (done.ExitCode, done.Out + done.Error);
    }

    private bool Pings(string host, string node, string address)
    {
        try
        {
            _hosts[host].Run("ip", "netns", "exec", node, "ping", "-n", "-c", "1", "-w", "3", address);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [KernelFact]
    public void Each_machine_applies_its_share_and_nodes_reach_across_machines()
    {
        Assert.Equal(0, Topo("h1", "apply", File, "--host", "h1", "-q").Code);
        Assert.Equal(0, Topo("h2", "apply", File, "--host", "h2", "-q").Code);

        Assert.Equal("c1\nweb", string.Join("\n", _hosts["h1"].Run("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Order()));
        Assert.Equal("c2", _hosts["h2"].Run("ip", "netns", "list").Split(' ')[0].Trim());
        Assert.Contains("dst 192.0.2.12", _hosts["h1"].Run("bridge", "fdb", "show", "dev", "vxov0"));
        Assert.Contains("dst 192.0.2.11", _hosts["h2"].Run("bridge", "fdb", "show", "dev", "vxov0"));

        Assert.True(Pings("h1", "c1", "10.0.9.3"), "c1 on h1 reaches c2 on h2 over the overlay");
        Assert.True(Pings("h2", "c2", "10.0.9.2"), "c2 on h2 reaches c1 on h1 over the overlay");
        Assert.True(Pings("h1", "c1", "10.9.9.2"), "c1 reaches c2 over the link between machines");
        Assert.False(Pings("h2", "c2", "10.1.0.2"), "br1 is h1's alone");

        var check = Topo("h1", "check", File, "--host", "h1");
        Assert.True(check.Code == 0, check.Out);
        var plan = Topo("h2", "plan", File, "--host", "h2", "--detailed-exitcode");
        Assert.True(plan.Code == 0, plan.Out);

        Assert.Equal(0, Topo("h1", "down", File, "--host", "h1", "-q").Code);
        Assert.Equal(0, Topo("h2", "down", File, "--host", "h2", "-q").Code);
        Assert.Equal("", _hosts["h1"].Run("ip", "netns", "list").Trim());
        Assert.DoesNotContain("vxov0", _hosts["h2"].Run("ip", "-br", "link"));
    }

    [KernelFact]
    public void A_machine_that_is_not_the_host_named_changes_nothing()
    {
        var wrong = Topo("h1", "apply", File, "--host", "h2", "-q");

        Assert.NotEqual(0, wrong.Code);
        Assert.Contains("this machine does not hold h2's underlay address 192.0.2.12", wrong.Out);
        Assert.Equal("", _hosts["h1"].Run("ip", "netns", "list").Trim());
        Assert.DoesNotContain("ov0", _hosts["h1"].Run("ip", "-br", "link"));
    }

    [KernelFact]
    public void Without_host_every_machine_gets_its_share_over_ssh_and_comes_down_the_same_way()
    {
        // From the sandbox's root, which holds neither underlay address: both machines are far sides.
        _run.Options = _run.Options with { Ssh = _hosts.SshOptions(["/usr/bin/dotnet", Path.Combine(AppContext.BaseDirectory, "topo.dll")]) };

        var apply = _run.Topo("apply", File, "-q");

        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("h1 (over ssh root@h1):", apply.Out);
        Assert.Contains("h2 (over ssh root@h2):", apply.Out);
        Assert.Contains("apply on 2 hosts: all succeeded.", apply.Out);
        Assert.True(Pings("h1", "c1", "10.0.9.3"), "c1 on h1 reaches c2 on h2 over the overlay");

        var plan = _run.Topo("plan", File, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Equal(2, plan.Out.Split('\n').Count(l => l.Contains("No changes", StringComparison.Ordinal)));

        // Options before the file: the far side gets "-" in the file's place, wherever it stands.
        var down = _run.Topo("down", "-q", File);
        Assert.True(down.ExitCode == 0, down.Out + down.Error);
        Assert.Equal("", _hosts["h1"].Run("ip", "netns", "list").Trim());
        Assert.Equal("", _hosts["h2"].Run("ip", "netns", "list").Trim());
    }

    [KernelFact]
    public void An_unreachable_machine_is_named_and_nothing_changes_anywhere()
    {
        var text = System.IO.File.ReadAllText(File).Replace("192.0.2.12, ssh: root@h2", "192.0.2.99, ssh: root@192.0.2.99", StringComparison.Ordinal);
        var file = Path.Combine(_run.State, "unreachable.yaml");
        System.IO.File.WriteAllText(file, text);
        _run.Options = _run.Options with { Ssh = _hosts.SshOptions(["/usr/bin/dotnet", Path.Combine(AppContext.BaseDirectory, "topo.dll")]) with { ConnectTimeout = TimeSpan.FromSeconds(2) } };

        var apply = _run.Topo("apply", file, "-q");

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("host 'h2'", apply.Error);
        Assert.Contains("nothing was changed on any host", apply.Error);
        Assert.Equal("", _hosts["h1"].Run("ip", "netns", "list").Trim());
    }
}

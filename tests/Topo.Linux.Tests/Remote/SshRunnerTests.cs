using Topo.Linux.Remote;
using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Remote;

/// <summary>The OpenSSH transport against real sshds on simulated hosts; <c>sh</c> stands in for topo on the far side.</summary>
public sealed class SshRunnerTests
{
    private static readonly RemoteHost H1 = new("h1", "h1");
    private static readonly RemoteHost H2 = new("h2", "h2");

    [KernelFact]
    public async Task Standard_input_reaches_the_far_side_and_output_and_exit_code_come_back()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        var runner = Runner(sandbox, hosts);
        const string lab = "version: 1\nlab: 'quoted' $HOME \"and\" \\ back\n";

        var result = await runner.RunAsync(H2, ["cat; echo to-stderr >&2; exit 3"], lab);

        Assert.Equal(lab, result.StandardOutput);
        Assert.Equal("to-stderr\n", result.StandardError);
        Assert.Equal(3, result.ExitCode);
    }

    [KernelFact]
    public async Task Arguments_arrive_word_for_word()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        var runner = Runner(sandbox, hosts, ["sh", "-c", "printf '[%s]\\n' \"$@\"", "sh"]);

        var result = await runner.RunAsync(H2, ["apply", "a b", "it's", "$HOME;x", ""], null);

        Assert.Equal("[apply]\n[a b]\n[it's]\n[$HOME;x]\n[]\n", result.StandardOutput);
    }

    [KernelFact]
    public async Task Each_host_sees_only_its_own_interfaces_and_its_own_run_netns()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        var runner = Runner(sandbox, hosts);
        hosts["h1"].Run("ip", "netns", "add", "only-on-h1");

        var links = await runner.RunAsync(H2, ["ip -br link"], null);
        var addresses = await runner.RunAsync(H2, ["ip -br -4 addr"], null);
        var netnsOnH2 = await runner.RunAsync(H2, ["ls -A /run/netns"], null);
        var netnsOnH1 = await runner.RunAsync(H1, ["ls -A /run/netns"], null);

        Assert.Equal(["lo", "eth0"], links.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ', '@')[0]));
        Assert.Contains($"{SimulatedHosts.AddressOf(2)}/24", addresses.StandardOutput);
        Assert.DoesNotContain(SimulatedHosts.AddressOf(1), addresses.StandardOutput);
        Assert.Equal("", netnsOnH2.StandardOutput);
        Assert.Equal("only-on-h1\n", netnsOnH1.StandardOutput);
        Assert.DoesNotContain("only-on-h1", KernelSandbox.Run("ip", "netns", "list"));
    }

    [KernelFact]
    public async Task A_second_command_rides_the_connection_the_first_one_opened()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        var options = hosts.SshOptions(["sh", "-c"]);
        var runner = new SshRunner(options, sandbox.Host);
        string[] check = ["ssh", "-F", hosts.SshConfig, "-o", $"ControlPath={options.ControlDirectory}/%C", "-O", "check", "h2"];
        Assert.Throws<InvalidOperationException>(() => sandbox.Witness(check));

        // The client's address and port as sshd saw them: one TCP connection, one port.
        var first = await runner.RunAsync(H2, ["echo $SSH_CONNECTION"], null);
        sandbox.Witness(check);
        var second = await runner.RunAsync(H2, ["echo $SSH_CONNECTION"], null);

        Assert.StartsWith(SimulatedHosts.OperatorAddress + " ", first.StandardOutput);
        Assert.Equal(first.StandardOutput, second.StandardOutput);
    }

    [KernelFact]
    public async Task An_unreachable_host_fails_within_the_connect_timeout_naming_the_host()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        // Packets to 198.51.100.0/24 go to h1, which drops them without a word: only ConnectTimeout ends the wait.
        sandbox.Witness("ip", "route", "add", "198.51.100.0/24", "via", SimulatedHosts.AddressOf(1));
        hosts["h1"].Run("sysctl", "-qw", "net.ipv4.ip_forward=1");
        hosts["h1"].Run("ip", "route", "add", "blackhole", "198.51.100.0/24");
        var runner = new SshRunner(hosts.SshOptions(["sh", "-c"]) with { ConnectTimeout = TimeSpan.FromSeconds(1) }, sandbox.Host);

        // More than a pipe holds, so ssh is still being written to when it gives up.
        var lab = new string('x', 1 << 20);

        // The guard is far above the 1 s asked for and far below the kernel's own two minutes of SYN retries.
        var e = await Assert.ThrowsAsync<RemoteHostException>(() => runner.RunAsync(new RemoteHost("h9", "root@198.51.100.9"), ["true"], lab).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("h9", e.Host.Name);
        Assert.Equal("host 'h9' (ssh root@198.51.100.9) cannot be reached: ssh: connect to host 198.51.100.9 port 22: Connection timed out", e.Message);
    }

    private static SshRunner Runner(KernelSandbox sandbox, SimulatedHosts hosts, IReadOnlyList<string>? remote = null) =>
        new(hosts.SshOptions(remote ?? ["sh", "-c"]), sandbox.Host);
}

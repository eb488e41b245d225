using Topo.Linux.Remote;
using Topo.Testing.Kernel;

namespace Topo.Testing.Hosts;

/// <summary>
/// N machines inside one test's sandbox: <see cref="SimulatedHost"/>s h1..hN on an underlay bridge
/// in the sandbox's root namespace (which has 192.0.2.1 and so can reach them all), h<i>i</i> at
/// 192.0.2.(10+<i>i</i>)/24, each with an sshd, and an ssh client config that reaches them by name
/// as root with a key made here (<c>ssh -F <see cref="SshConfig"/> h2 CMD</c>).
/// </summary>
public sealed class SimulatedHosts : IDisposable
{
    public const string UnderlayBridge = "underlay";
    public const string OperatorAddress = "192.0.2.1";

    private readonly KernelSandbox _sandbox;
    private readonly HostProcess _processes;
    private readonly List<SimulatedHost> _hosts = [];
    private readonly List<HostSshd> _sshds = [];

    public SimulatedHosts(KernelSandbox sandbox, int count)
    {
        _sandbox = sandbox;
        _processes = new HostProcess(sandbox.HostPath);
        // The sandbox's own /run is a tmpfs of the test run's mount namespace: a kill leaves nothing behind.
        ClientDirectory = $"/run/topo-hosts-{sandbox.Id}";
        try
        {
            Build(count);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<SimulatedHost> Hosts => _hosts;

    public SimulatedHost this[string name] => _hosts.Single(h => h.Name == name);

    /// <summary>Where the client's key, known_hosts and config are: a test may put its control sockets here too.</summary>
    public string ClientDirectory { get; }

    /// <summary>The ssh client config: Host hN for every host, root, the harness's key, their host keys, BatchMode.</summary>
    public string SshConfig => Path.Combine(ClientDirectory, "ssh_config");

    /// <summary>Runs <c>ssh -F CONFIG HOST COMMAND</c> from the sandbox's root namespace and returns its standard output.</summary>
    public string Ssh(string host, string command) => _sandbox.Witness("ssh", "-F", SshConfig, host, command);

    /// <summary>
    /// What the product's ssh transport needs to reach these hosts: this config, and control sockets of
    /// this test's own (two tests' h2 are different machines at one address, so they must not share).
    /// </summary>
    public SshOptions SshOptions(IReadOnlyList<string> remoteCommand) =>
        new() { ConfigFile = SshConfig, ControlDirectory = Path.Combine(ClientDirectory, "control"), RemoteCommand = remoteCommand };

    public static string AddressOf(int index) => $"192.0.2.{10 + index}";

    public void Dispose()
    {
        // A host's end kills its sshd and every session (see SimulatedHost); then nothing of them is left to wait for.
        foreach (var host in _hosts) host.Dispose();
        foreach (var sshd in _sshds) sshd.Dispose();
        _processes.Dispose();
        if (Directory.Exists(ClientDirectory)) Directory.Delete(ClientDirectory, recursive: true);
    }

    private void Build(int count)
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("simulated hosts are Linux namespaces");
        // ssh refuses a private key that others can read.
        Directory.CreateDirectory(ClientDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var key = Path.Combine(ClientDirectory, "id_ed25519");
        KernelSandbox.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "simulated-hosts", "-f", key);
        var authorized = File.ReadAllText(key + ".pub");

        _sandbox.Witness("ip", "link", "add", UnderlayBridge, "type", "bridge");
        _sandbox.Witness("ip", "addr", "add", $"{OperatorAddress}/24", "dev", UnderlayBridge);
        _sandbox.Witness("ip", "link", "set", UnderlayBridge, "up");
        List<string> knownHosts = [];
        List<string> config = [];
        for (var i = 1; i <= count; i++)
        {
            var host = new SimulatedHost(_processes, $"h{i}", AddressOf(i));
            _hosts.Add(host);
            Cable(host);
            var sshd = new HostSshd(_processes, host, authorized);
            _sshds.Add(sshd);
            knownHosts.Add($"{host.Underlay} {sshd.HostKey}");
            config.AddRange([$"Host {host.Name}", $"  HostName {host.Underlay}"]);
        }

        File.WriteAllLines(Path.Combine(ClientDirectory, "known_hosts"), knownHosts);
        config.AddRange([
            "Host *",
            "  User root",
            $"  IdentityFile {key}",
            "  IdentitiesOnly yes",
            $"  UserKnownHostsFile {Path.Combine(ClientDirectory, "known_hosts")}",
            "  GlobalKnownHostsFile /dev/null",
            "  StrictHostKeyChecking yes",
            "  BatchMode yes",
        ]);
        File.WriteAllLines(SshConfig, config);
    }

    // The host's eth0 is one end of a veth whose other end is a port of the underlay bridge.
    private void Cable(SimulatedHost host)
    {
        var port = $"ul-{host.Name}";
        _sandbox.Witness("ip", "link", "add", port, "type", "veth", "peer", "name", "eth0", "netns", host.NetPath);
        _sandbox.Witness("ip", "link", "set", port, "master", UnderlayBridge, "up");
        host.Run("ip", "link", "set", "lo", "up");
        host.Run("ip", "addr", "add", $"{host.Underlay}/24", "dev", "eth0");
        host.Run("ip", "link", "set", "eth0", "up");
    }
}

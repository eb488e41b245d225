using System.Collections.Concurrent;
using System.Diagnostics;
using Topo.Testing.Kernel;

namespace Topo.Testing.Hosts;

/// <summary>
/// The sshd of one simulated host, listening on its underlay address and letting root in with the
/// harness's key only. Its keys and config live in the host's own /run, so they go with the host.
/// It runs inside the host's PID namespace: it dies with the host (see <see cref="SimulatedHost"/>).
/// </summary>
internal sealed class HostSshd : IDisposable
{
    private const string Directory = "/run/sshd-sim";
    private readonly Process _sshd;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Task _draining;

    public HostSshd(HostProcess processes, SimulatedHost host, string authorizedKey)
    {
        System.IO.Directory.CreateDirectory(host.PathOf(Directory));
        KernelSandbox.Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", host.Name, "-f", host.PathOf($"{Directory}/host_key"));
        File.WriteAllText(host.PathOf($"{Directory}/authorized_keys"), authorizedKey);
        File.WriteAllText(host.PathOf($"{Directory}/sshd_config"), $"""
            ListenAddress {host.Underlay}
            HostKey {Directory}/host_key
            AuthorizedKeysFile {Directory}/authorized_keys
            PidFile {Directory}/sshd.pid
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            StrictModes no
            UsePAM no
            PrintMotd no
            PrintLastLog no

            """);
        HostKey = File.ReadAllText(host.PathOf($"{Directory}/host_key.pub")).Trim();

        // -D: stay a child of nsenter, so Dispose and the host's end reach it; -e: log to stderr, read below.
        _sshd = processes.Start(host.Enter("/usr/sbin/sshd", "-D", "-e", "-f", $"{Directory}/sshd_config"), redirectOutput: false);
        // sshd says this once its socket is bound: from then on a connection is accepted, no retrying needed.
        for (var line = _sshd.StandardError.ReadLine(); ; line = _sshd.StandardError.ReadLine())
        {
            if (line is null) throw new InvalidOperationException($"sshd on {host.Name} did not start: {string.Join('\n', _log)}");
            _log.Enqueue(line);
            if (line.StartsWith("Server listening on", StringComparison.Ordinal)) break;
        }

        // Keep reading, or sshd blocks once the pipe is full.
        _draining = Task.Run(() =>
        {
            for (var line = _sshd.StandardError.ReadLine(); line is not null; line = _sshd.StandardError.ReadLine()) _log.Enqueue(line);
        });
    }

    /// <summary>The public host key (<c>ssh-ed25519 AAAA... NAME</c>) for the client's known_hosts.</summary>
    public string HostKey { get; }

    /// <summary>What sshd logged so far, for a failing test's message.</summary>
    public IReadOnlyList<string> Log => _log.ToArray();

    /// <summary>Waits for sshd to be gone: call it after its host's end, which kills it and every session it started.</summary>
    public void Dispose()
    {
        _sshd.WaitForExit();
        // The pipe closes only when the last session holding it is gone too.
        _draining.Wait();
        _sshd.Dispose();
    }
}

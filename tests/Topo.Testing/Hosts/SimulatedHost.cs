using System.Diagnostics;
using Topo.Testing.Kernel;

namespace Topo.Testing.Hosts;

/// <summary>
/// One simulated machine: its own network, mount and PID namespaces, with a tmpfs of its own over
/// /run (so /run/netns and /run/topo are this host's), its own /proc and /sys, and eth0 on the underlay.
/// </summary>
/// <remarks>
/// Nothing of it can outlive the test. The holder, <c>unshare</c>, gets SIGKILL when the thread that
/// started it ends (<c>setpriv --pdeathsig</c>, so also when the test host is killed); its
/// <c>--kill-child</c> then kills the PID namespace's init, and the kernel kills everything else in that
/// PID namespace with it: the sshd, its sessions and whatever they started. With the last process gone,
/// the namespaces and the tmpfs go too, and the veth with its network namespace.
/// </remarks>
public sealed class SimulatedHost : IDisposable
{
    private readonly Process _holder;
    private bool _disposed;

    internal SimulatedHost(HostProcess processes, string name, string underlay)
    {
        Name = name;
        Underlay = underlay;
        _holder = processes.Start(
            ["setpriv", "--pdeathsig", "KILL", "--", "unshare", "--net", "--mount", "--pid", "--kill-child", "--mount-proc", "--propagation", "private", "--",
             "sh", "-c", "mount -t tmpfs -o mode=0755 topo-host /run && mkdir -p /run/netns /run/topo /run/sshd && mount -t sysfs sysfs /sys && " + FreshRootShell + " && echo ready && exec sleep infinity"],
            redirectOutput: true);
        // The line comes only once the mounts are made, so every path below names this host's.
        if (_holder.StandardOutput.ReadLine() != "ready")
            throw new InvalidOperationException($"simulated host {name} did not start: {_holder.StandardError.ReadToEnd()}");
    }

    // A far machine's sshd runs every command through root's shell, and bash reads ~/.bashrc then: this
    // machine's may start slow tools (pyenv init took 100 ms a session here). Each host gets the .bashrc a
    // fresh Debian gives root, so what the fan-out costs is measured, not this machine's shell set-up.
    private const string FreshRootShell =
        "{ [ ! -e /root/.bashrc ] || [ ! -e /usr/share/base-files/dot.bashrc ] || mount --bind /usr/share/base-files/dot.bashrc /root/.bashrc; }";

    public string Name { get; }

    /// <summary>The host's address on the underlay (no prefix length).</summary>
    public string Underlay { get; }

    /// <summary>The host's network namespace, for nsenter or a <see cref="Linux.Namespaces.NamespaceThread"/>.</summary>
    public string NetPath => $"/proc/{_holder.Id}/ns/net";

    /// <summary>A path of this host's file system, as the test's mount namespace reaches it (<c>/run/netns</c> here is the host's own).</summary>
    public string PathOf(string inside) => $"/proc/{_holder.Id}/root/{inside.TrimStart('/')}";

    /// <summary>The command line that runs <paramref name="command"/> on this host, as a process of the host would run it.</summary>
    public string[] Enter(params string[] command) =>
        ["nsenter", $"--net={NetPath}", $"--mount=/proc/{_holder.Id}/ns/mnt", $"--pid=/proc/{_holder.Id}/ns/pid_for_children", "--", .. command];

    /// <summary>Runs a command on this host and returns its standard output; throws when it fails.</summary>
    public string Run(params string[] command) => KernelSandbox.Run(Enter(command));

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_holder.HasExited) _holder.Kill();
        _holder.WaitForExit();
        _holder.Dispose();
    }
}

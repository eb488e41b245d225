using System.ComponentModel;
using System.Diagnostics;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Remote;

/// <summary>
/// <see cref="IRemoteRunner"/> over OpenSSH, the one outside program topo runs: the first command to
/// a host opens its shared connection, the rest ride on it.
/// </summary>
/// <param name="startIn">The network namespace ssh runs in (a test's stand-in for the host); null: this process's own.</param>
public sealed class SshRunner(SshOptions options, NamespaceThread? startIn = null) : IRemoteRunner
{
    // ssh's own failures (connect, host key, authentication) exit 255; topo itself never does.
    private const int SshFailed = 255;

    public async Task<RemoteResult> RunAsync(RemoteHost host, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellation = default)
    {
        using var ssh = Start(host, arguments);
        try
        {
            var stdout = ssh.StandardOutput.ReadToEndAsync(cancellation);
            var stderr = ssh.StandardError.ReadToEndAsync(cancellation);
            await Send(ssh, standardInput, cancellation);
            await ssh.WaitForExitAsync(cancellation);
            var result = new RemoteResult(ssh.ExitCode, await stdout, await stderr);
            if (result.ExitCode == SshFailed)
                throw new RemoteHostException(host, $"host '{host.Name}' (ssh {host.SshTarget}) cannot be reached: {result.StandardError.Trim()}");
            return result;
        }
        catch (OperationCanceledException)
        {
            ssh.Kill();
            throw;
        }
    }

    /// <summary>
    /// Starts topo with <paramref name="arguments"/> (a held apply or down) on <paramref name="host"/>, the lab file
    /// framed on its standard input so that a <c>go</c> line can follow it; <paramref name="marker"/> is the line
    /// the far side prints once it has planned.
    /// </summary>
    public HeldRun StartHeld(RemoteHost host, IReadOnlyList<string> arguments, string file, string marker)
    {
        return new HeldRun(host, Start(host, arguments), FramedFile.Frame(file), marker);
    }

    private static async Task Send(Process ssh, string? standardInput, CancellationToken cancellation)
    {
        try
        {
            if (standardInput is not null) await ssh.StandardInput.WriteAsync(standardInput.AsMemory(), cancellation);
            ssh.StandardInput.Close();
        }
        catch (IOException)
        {
            // ssh gave up (and closed its end) before it read the whole file: its exit code and stderr say why.
        }
    }

    private Process Start(RemoteHost host, IReadOnlyList<string> arguments)
    {
        PrepareControlDirectory();
        var start = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in SshCommandLine.For(host, options, arguments)) start.ArgumentList.Add(a);
        try
        {
            // A child is made in the namespace of the thread that forks it.
            return startIn is null ? Process.Start(start)! : startIn.Invoke(() => Process.Start(start)!);
        }
        catch (Win32Exception e)
        {
            throw new RemoteHostException(host, $"host '{host.Name}' needs ssh, which could not be run: {e.Message} (install openssh-client)");
        }
    }

    // ssh makes the sockets but not their directory; 0700 keeps other users off the connections.
    private void PrepareControlDirectory()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("topo reaches other hosts from Linux only");
        const UnixFileMode owner = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var parent = Path.GetDirectoryName(options.ControlDirectory);
        if (!string.IsNullOrEmpty(parent)) Directory.CreateDirectory(parent);
        Directory.CreateDirectory(options.ControlDirectory, owner);
        if (File.GetUnixFileMode(options.ControlDirectory) != owner) File.SetUnixFileMode(options.ControlDirectory, owner);
    }
}

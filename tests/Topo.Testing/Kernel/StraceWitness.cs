using System.Diagnostics;

namespace Topo.Testing.Kernel;

/// <summary>What a witness command sent to netlink, as strace saw it, and how the command ended.</summary>
public sealed record StraceCapture(string Command, IReadOnlyList<byte[]> Messages, int ExitCode, string Stderr);

/// <summary>
/// Runs a witness command (<c>ip link add ...</c>) under <c>strace -f -e trace=sendmsg -xx -e write=all</c> inside a
/// network namespace and returns every netlink message it sent. The command's own failure is kept, not thrown: ip sends
/// its request before the kernel refuses it, so a kind this kernel lacks is witnessed all the same.
/// </summary>
public static class StraceWitness
{
    /// <summary>In the sandbox's stand-in for the host, a throwaway namespace of its own.</summary>
    public static StraceCapture Run(KernelSandbox sandbox, params string[] command) => Run(sandbox.HostPath, command);

    public static StraceCapture Run(string netnsPath, params string[] command)
    {
        var trace = Path.Combine(Path.GetTempPath(), $"topo-strace-{Guid.NewGuid():n}.txt");
        try
        {
            var start = new ProcessStartInfo("nsenter") { RedirectStandardOutput = true, RedirectStandardError = true };
            string[] args = [$"--net={netnsPath}", "--", "strace", "-f", "-qq", "-o", trace, "-e", "trace=sendmsg", "-xx", "-e", "write=all", .. command];
            foreach (var a in args) start.ArgumentList.Add(a);
            var done = FinishedProcess.Run(start);
            // No trace at all is strace's failure (missing, or not allowed), not the command's.
            if (!File.Exists(trace)) throw new InvalidOperationException($"strace wrote no trace for `{string.Join(' ', command)}` (exit {done.ExitCode}): {done.Error}");
            var messages = StraceHexdump.Datagrams(File.ReadAllText(trace)).SelectMany(NetlinkRequest.Split).ToList();
            return new StraceCapture(string.Join(' ', command), messages, done.ExitCode, done.Error);
        }
        finally
        {
            File.Delete(trace);
        }
    }
}

using System.Diagnostics;

namespace Topo.Testing.Kernel;

/// <summary>
/// A network namespace that topo did not make, as a container's is: held by a child process
/// (<c>unshare --net</c>) and reached at <c>/proc/PID/ns/net</c>. Dispose ends that process, and the
/// namespace with it.
/// </summary>
public sealed class HeldNamespace : IDisposable
{
    private readonly Process _holder;
    private bool _disposed;

    public HeldNamespace()
    {
        // The line comes only once unshare has moved the process, so the path names the new namespace.
        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardInput = true };
        foreach (var a in (string[])["--net", "sh", "-c", "echo ready; exec sleep infinity"]) start.ArgumentList.Add(a);
        _holder = Process.Start(start)!;
        if (_holder.StandardOutput.ReadLine() != "ready") throw new InvalidOperationException("unshare --net did not start");
    }

    public string Path => $"/proc/{_holder.Id}/ns/net";

    public bool Alive => !_disposed && !_holder.HasExited && File.Exists(Path);

    /// <summary>Runs a witness command (ip) inside the namespace and returns its standard output.</summary>
    public string Witness(params string[] args) => KernelSandbox.Run(["nsenter", $"--net={Path}", "--", .. args]);

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        if (!_holder.HasExited) _holder.Kill();
        _holder.WaitForExit();
        _holder.Dispose();
    }
}

using System.Diagnostics;
using Topo.Linux.Namespaces;

namespace Topo.Testing.Hosts;

/// <summary>
/// Starts the long-lived processes of the simulated hosts from one thread of its own. Their parent
/// death signal (<c>setpriv --pdeathsig</c>) fires when the thread that forked them ends, not the
/// process, so that thread must live exactly as long as the hosts: a pool thread could retire mid-test.
/// </summary>
internal sealed class HostProcess(string sandboxRoot) : IDisposable
{
    private readonly NamespaceThread _thread = NamespaceThread.Enter(sandboxRoot, "simulated hosts");

    public Process Start(IReadOnlyList<string> command, bool redirectOutput)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = redirectOutput, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var a in command.Skip(1)) start.ArgumentList.Add(a);
        return _thread.Invoke(() => Process.Start(start)!);
    }

    public void Dispose() => _thread.Dispose();
}

using Topo.Core.Validation;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Sysctl;

/// <summary>
/// Looks sysctl keys up under /proc/sys before a plan or an apply: in the host's namespace, and in a
/// throwaway namespace made only to look (no name, never mounted, gone when this is disposed), since a
/// new namespace has fewer keys than the host's, and some of them read-only. Nothing is written; the
/// threads are made on the first key, so a lab without sysctls costs nothing.
/// </summary>
public sealed class ProcSysKeys(KernelOptions options) : IDisposable
{
    private readonly Dictionary<(string, bool), SysctlKeyState> _seen = [];
    private NamespaceThread? _host;
    private NamespaceThread? _fresh;
    private bool _unavailable;

    public SysctlKeyState Of(string key, bool inHost)
    {
        if (_seen.TryGetValue((key, inHost), out var known)) return known;
        if (SysctlKey.PathOf(key) is not { } path || Thread(inHost) is not { } thread) return SysctlKeyState.Unknown;
        var state = thread.Invoke(() => StateOf(path));
        _seen[(key, inHost)] = state;
        return state;
    }

    public void Dispose()
    {
        _host?.Dispose();
        _fresh?.Dispose();
    }

    /// <summary>The mode bits are what /proc/sys enforces, for root too.</summary>
    private static SysctlKeyState StateOf(string path)
    {
        if (!File.Exists(path)) return SysctlKeyState.Missing;
        if (!OperatingSystem.IsLinux()) return SysctlKeyState.Unknown;
        return (File.GetUnixFileMode(path) & UnixFileMode.UserWrite) != 0 ? SysctlKeyState.Writable : SysctlKeyState.ReadOnly;
    }

    /// <summary>Null when no namespace can be entered or made (no privileges): the apply's own privilege check says so.</summary>
    private NamespaceThread? Thread(bool inHost)
    {
        if (_unavailable) return null;
        try
        {
            return inHost
                ? _host ??= NamespaceThread.Enter(options.HostNamespacePath, "host")
                : _fresh ??= NamespaceThread.Fresh("sysctl keys");
        }
        catch (KernelException)
        {
            _unavailable = true;
            return null;
        }
    }
}

using Tmds.Linux;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Read;

/// <summary>
/// One dedicated thread that enters namespaces one after another to open sockets there (a socket
/// stays in the namespace it was made in). A read of hundreds of namespaces then costs one thread
/// and one hand-over, not a thread and a hand-over per namespace. The thread does nothing else,
/// and ends with the visitor.
/// </summary>
internal sealed class NamespaceVisitor : IDisposable
{
    private readonly NamespaceThread _thread = NamespaceThread.Enter("/proc/self/ns/net", "visitor");
    private readonly NetnsHandle? _home;

    /// <param name="returns">
    /// Whether the visitor goes back to where it started after each visit: one that lives on (the session's)
    /// must not stay in the last namespace it entered, which would keep that namespace alive after it is deleted.
    /// </param>
    public NamespaceVisitor(bool returns = false)
    {
        if (returns) _home = NetnsHandle.Of(_thread);
    }

    /// <summary>
    /// Runs <paramref name="open"/> inside each of <paramref name="namespaces"/>, in order; an entry is
    /// null where the handle is no namespace (an empty file: another process is between creating the
    /// name and mounting the namespace on it, or between unmounting and unlinking).
    /// </summary>
    public List<T?> OpenIn<T>(IReadOnlyList<NetnsHandle> namespaces, Func<T> open) where T : class, IDisposable =>
        _thread.Invoke(() =>
        {
            var opened = new List<T?>(namespaces.Count);
            try
            {
                foreach (var ns in namespaces) opened.Add(Enter(ns) ? open() : null);
                return opened;
            }
            catch
            {
                foreach (var o in opened) o?.Dispose();
                throw;
            }
            finally
            {
                if (_home is not null && !Enter(_home)) throw new KernelException("returning the namespace visitor home", Errors.EINVAL);
            }
        });

    private static bool Enter(NetnsHandle ns)
    {
        if (LibC.setns(ns.Fd, LibC.CLONE_NEWNET) == 0) return true;
        var error = Errors.Last($"entering network namespace '{ns.Name}'");
        return error.Errno == Errors.EINVAL ? false : throw error;
    }

    public void Dispose()
    {
        _home?.Dispose();
        _thread.Dispose();
    }
}

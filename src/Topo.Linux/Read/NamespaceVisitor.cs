using Tmds.Linux;
using Topo.Core.State;
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

    /// <summary>
    /// Runs <paramref name="open"/> inside each of the named namespaces that are there, a block of
    /// <see cref="HandlesAtOnce"/> handles at a time, and yields each block's results, the handles already
    /// closed: a handle and a socket for each of 10,000 namespaces at once are past a container's limit.
    /// </summary>
    public IEnumerable<List<(Netns Ns, T Opened)>> OpenByBlock<T>(NetnsDirectory directory, IEnumerable<Netns> names, Func<T> open) where T : class, IDisposable
    {
        foreach (var block in names.Chunk(HandlesAtOnce))
        {
            // One deleted since it was listed is left out.
            var handles = directory.OpenHandles(block);
            var opened = new List<(Netns, T)>(handles.Count);
            try
            {
                // Entered through the handles already open, so a namespace deleted meanwhile is still the same one.
                var made = OpenIn(handles, open);
                for (var i = 0; i < handles.Count; i++)
                {
                    if (made[i] is { } one) opened.Add((Netns.Of(handles[i].Name), one));
                }
            }
            finally
            {
                foreach (var h in handles) h.Dispose();
            }

            yield return opened;
        }
    }

    /// <summary>How many namespace handles a visit holds at once, beside what it opens.</summary>
    public const int HandlesAtOnce = 256;

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

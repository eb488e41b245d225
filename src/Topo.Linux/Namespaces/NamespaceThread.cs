using System.Collections.Concurrent;
using Tmds.Linux;

namespace Topo.Linux.Namespaces;

/// <summary>
/// A dedicated thread that lives in one network namespace and runs the work given to it there.
/// setns() moves only the calling thread, and sockets and libnftables contexts stay in the
/// namespace they were made in, so every namespace gets one of these and nothing else in the
/// process ever changes a thread's namespace.
/// </summary>
public sealed class NamespaceThread : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread _thread;

    private NamespaceThread(string name, Action enter)
    {
        Name = name;
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _thread = new Thread(() => Run(enter, ready)) { IsBackground = true, Name = $"netns {name}" };
        _thread.Start();
        ready.Task.GetAwaiter().GetResult();
    }

    /// <summary>The namespace's display name ("host" for the root).</summary>
    public string Name { get; }

    /// <summary>A thread inside the namespace whose handle is at <paramref name="path"/> (<c>/run/netns/X</c>, <c>/proc/PID/ns/net</c>).</summary>
    public static NamespaceThread Enter(string path, string name) => new(name, () => EnterPath(path));

    /// <summary>A thread in a brand-new, empty network namespace (held only by the thread until bind-mounted).</summary>
    public static NamespaceThread Fresh(string name) => new(name, () =>
    {
        if (LibC.unshare(LibC.CLONE_NEWNET) != 0) throw Errors.Last($"creating network namespace '{name}'");
    });

    public T Invoke<T>(Func<T> work)
    {
        if (Thread.CurrentThread == _thread) return work();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    public void Invoke(Action work) => Invoke(() =>
    {
        work();
        return true;
    });

    public void Dispose()
    {
        _work.CompleteAdding();
        if (Thread.CurrentThread != _thread) _thread.Join();
    }

    private void Run(Action enter, TaskCompletionSource ready)
    {
        try
        {
            enter();
        }
        catch (Exception e)
        {
            ready.SetException(e);
            return;
        }

        ready.SetResult();
        foreach (var item in _work.GetConsumingEnumerable()) item();
    }

    private static unsafe void EnterPath(string path)
    {
        var fd = NativePath.Open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, $"opening network namespace {path}");
        try
        {
            if (LibC.setns(fd, LibC.CLONE_NEWNET) != 0) throw Errors.Last($"entering network namespace {path}");
        }
        finally
        {
            LibC.close(fd);
        }
    }
}

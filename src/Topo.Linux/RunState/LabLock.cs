using Tmds.Linux;

namespace Topo.Linux.RunState;

/// <summary>
/// One lab's exclusive lock (<c>/run/topo/locks/LAB.lock</c>, an advisory flock that dies with the
/// process), so two applies or downs of the same lab never interleave. Different labs do not wait on each other.
/// </summary>
public sealed class LabLock : IDisposable
{
    private readonly FileStream _file;

    private LabLock(FileStream file) => _file = file;

    /// <exception cref="KernelException">The lock's directory or file cannot be made or opened (a read-only or full state directory): at once, naming the path.</exception>
    /// <exception cref="LabBusyException">Another process held the lock for all of <paramref name="timeout"/>.</exception>
    public static LabLock Acquire(string stateDirectory, string lab, TimeSpan timeout)
    {
        var dir = Path.Combine(stateDirectory, "locks");
        NativePath.MakeDirectory(stateDirectory);
        NativePath.MakeDirectory(dir);
        var path = Path.Combine(dir, lab + ".lock");
        // Opened once by hand first: the stream's own failures look like a held lock, and a state
        // directory that cannot take the file would be waited on for the whole timeout.
        LibC.close(NativePath.Open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_CLOEXEC, $"opening the lab's lock {path}", 420));
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // On Linux, FileShare.None takes flock(LOCK_EX | LOCK_NB) on the descriptor.
                return new LabLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another topo holds the lab; polling keeps the wait bounded without a second thread.
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                throw new LabBusyException(lab, timeout);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>Another topo process kept the lab's lock for longer than the caller would wait.</summary>
public sealed class LabBusyException(string lab, TimeSpan waited)
    : Exception($"lab '{lab}' is busy: another topo apply or down has held its lock for {waited.TotalSeconds:0.#} s (raise --lock-timeout to wait longer)");

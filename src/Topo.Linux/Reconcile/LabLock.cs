namespace Topo.Linux.Reconcile;

/// <summary>
/// One lab's exclusive lock (<c>/run/topo/locks/LAB.lock</c>, an advisory flock that dies with the
/// process), so two applies or downs of the same lab never interleave. Different labs do not wait on each other.
/// </summary>
public sealed class LabLock : IDisposable
{
    private readonly FileStream _file;

    private LabLock(FileStream file) => _file = file;

    public static LabLock Acquire(string stateDirectory, string lab, TimeSpan timeout)
    {
        var dir = Path.Combine(stateDirectory, "locks");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, lab + ".lock");
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

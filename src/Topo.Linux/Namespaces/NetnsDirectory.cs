using Topo.Core.State;
using Tmds.Linux;

namespace Topo.Linux.Namespaces;

/// <summary>
/// Persistent named network namespaces in a directory, made exactly as <c>ip netns add</c> makes
/// them in <c>/run/netns</c> so that <c>ip netns exec NAME</c> works on ours and we can open theirs.
/// </summary>
public sealed class NetnsDirectory(string path)
{
    public const string Default = "/run/netns";

    public string Path { get; } = path;

    /// <summary>Where the namespace is: a name under the directory, or the path itself of an attached one.</summary>
    public string PathOf(Netns ns) => ns.IsAttached ? ns.Id : System.IO.Path.Combine(Path, ns.Id);

    public bool Exists(Netns ns) => File.Exists(PathOf(ns));

    public IReadOnlyList<string> List() =>
        Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Makes the namespace, runs <paramref name="prepare"/> with a thread inside it while the namespace
    /// has no name yet, and only then mounts it under its name: whatever <paramref name="prepare"/> does
    /// (topo marks the loopback) is there for anyone who finds the name, even after a kill. Returns what
    /// <paramref name="prepare"/> made, which owns the thread (and disposes it when it fails itself).
    /// Fails with EEXIST when the name is taken.
    /// </summary>
    public T Create<T>(string name, Func<NamespaceThread, T> prepare) where T : IDisposable
    {
        Prepare();
        var file = PathOf(name);
        try
        {
            LibC.close(NativePath.Open(file, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, $"creating namespace '{name}'"));
        }
        catch (KernelException e) when (e.Errno == Errors.EEXIST && IsPlaceholder(name))
        {
            // A create that was killed between making the name and mounting the namespace on it
            // left an empty file: no namespace exists, so taking the name over changes nothing of anyone's.
        }

        T made;
        NamespaceThread thread;
        try
        {
            thread = NamespaceThread.Fresh(name);
            made = prepare(thread);
        }
        catch
        {
            NativePath.TryUnlink(file);
            throw;
        }

        try
        {
            thread.Invoke(() => NativePath.Mount("/proc/thread-self/ns/net", file, "none", LibC.MS_BIND, $"creating namespace '{name}'"));
            return made;
        }
        catch
        {
            made.Dispose();
            NativePath.TryUnlink(file);
            throw;
        }
    }

    /// <summary>
    /// Whether the name is an empty file that no namespace is mounted on (a create killed between making
    /// the name and mounting). A mounted namespace lives on the kernel's nsfs, not on the directory's device.
    /// </summary>
    public bool IsPlaceholder(string name) => IsPlaceholder(name, NativePath.TryIdentity(Path)?.Dev);

    /// <summary>
    /// Removes each of <paramref name="names"/> that is an empty name with no namespace on it
    /// (<see cref="IsPlaceholder(string)"/>): <c>ip netns list</c> calls such a file an invalid reference
    /// for ever. Returns the paths removed.
    /// </summary>
    public IReadOnlyList<string> RemovePlaceholders(IEnumerable<string> names)
    {
        var device = NativePath.TryIdentity(Path)?.Dev;
        var removed = new List<string>();
        foreach (var name in names.Where(n => !Netns.Of(n).IsAttached && IsPlaceholder(n, device)))
        {
            var file = PathOf(name);
            var unlink = NativePath.TryUnlink(file);
            if (unlink == 0) removed.Add(file);
            else if (unlink != Errors.ENOENT) throw new KernelException($"removing the empty name {file}", unlink);
        }

        return removed;
    }

    public NamespaceThread Open(Netns ns) => NamespaceThread.Enter(PathOf(ns), ns.Id);

    /// <summary>
    /// Handles of the namespaces <paramref name="names"/> names that are still there: one deleted since
    /// the caller listed it is left out. The caller disposes them.
    /// </summary>
    public List<NetnsHandle> OpenHandles(IEnumerable<Netns> names)
    {
        var handles = new List<NetnsHandle>();
        try
        {
            foreach (var name in names)
            {
                try
                {
                    handles.Add(NetnsHandle.Open(PathOf(name), name.Id));
                }
                catch (KernelException e) when (e.Errno == Errors.ENOENT)
                {
                    // Deleted since it was listed.
                }
            }

            return handles;
        }
        catch
        {
            foreach (var h in handles) h.Dispose();
            throw;
        }
    }

    /// <summary>Removes the name; the kernel frees the namespace (and the veth ends in it) once nothing holds it.</summary>
    public void Delete(string name)
    {
        var file = PathOf(name);
        var unmount = NativePath.TryUnmount(file, LibC.MNT_DETACH);
        if (unmount != 0 && unmount != Errors.EINVAL) throw new KernelException($"deleting namespace '{name}'", unmount);
        var unlink = NativePath.TryUnlink(file);
        if (unlink != 0) throw new KernelException($"deleting namespace '{name}'", unlink);
    }

    private bool IsPlaceholder(string name, ulong? directoryDevice) =>
        directoryDevice is { } device && NativePath.TryIdentity(PathOf(name)) is { } file && file.Dev == device;

    /// <summary>
    /// Makes the directory a shared mount, as iproute2 does (binding it onto itself first if it is not
    /// a mount point), so namespaces mounted later propagate to other mount namespaces. Creations
    /// running side by side call this first: two of them binding the directory at once would bind it twice.
    /// </summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Path);
        if (NativePath.TryMount("none", Path, "none", LibC.MS_SHARED | LibC.MS_REC) == 0) return;
        NativePath.Mount(Path, Path, "none", LibC.MS_BIND | LibC.MS_REC, $"preparing {Path}");
        NativePath.Mount("none", Path, "none", LibC.MS_SHARED | LibC.MS_REC, $"preparing {Path}");
    }
}

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
    public string PathOf(string name) => Topo.Core.State.Netns.IsAttached(name) ? name : System.IO.Path.Combine(Path, name);

    public bool Exists(string name) => File.Exists(PathOf(name));

    public IReadOnlyList<string> List() =>
        Directory.Exists(Path)
            ? Directory.EnumerateFiles(Path).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>
    /// Makes the namespace and returns a thread that is inside it (the thread that made it, so no
    /// setns is needed). Fails with EEXIST when the name is taken.
    /// </summary>
    public NamespaceThread Create(string name)
    {
        Prepare();
        var file = PathOf(name);
        try
        {
            LibC.close(NativePath.Open(file, LibC.O_RDONLY | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, $"creating namespace '{name}'"));
        }
        catch (KernelException e) when (e.Errno == Errors.EEXIST && !IsMountPoint(file))
        {
            // A create that was killed between making the name and mounting the namespace on it
            // left an empty file: no namespace exists, so taking the name over changes nothing of anyone's.
        }

        try
        {
            var thread = NamespaceThread.Fresh(name);
            thread.Invoke(() => NativePath.Mount("/proc/thread-self/ns/net", file, "none", LibC.MS_BIND, $"creating namespace '{name}'"));
            return thread;
        }
        catch
        {
            NativePath.TryUnlink(file);
            throw;
        }
    }

    public NamespaceThread Open(string name) => NamespaceThread.Enter(PathOf(name), name);

    /// <summary>
    /// Handles of the namespaces <paramref name="names"/> names that are still there: one deleted since
    /// the caller listed it is left out. The caller disposes them.
    /// </summary>
    public List<NetnsHandle> OpenHandles(IEnumerable<string> names)
    {
        var handles = new List<NetnsHandle>();
        try
        {
            foreach (var name in names)
            {
                try
                {
                    handles.Add(NetnsHandle.Open(PathOf(name), name));
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

    private static bool IsMountPoint(string path) =>
        File.ReadLines("/proc/self/mountinfo").Any(line => line.Split(' ') is { Length: > 4 } fields && fields[4] == path);

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

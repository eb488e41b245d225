using Tmds.Linux;

namespace Topo.Linux.Namespaces;

/// <summary>
/// An open file descriptor of a network namespace, with its display name. The kernel takes it
/// where a request names another namespace (IFLA_NET_NS_FD, NETNSA_FD); it is valid on any thread.
/// </summary>
public sealed class NetnsHandle : IDisposable
{
    private NetnsHandle(int fd, string name)
    {
        Fd = fd;
        Name = name;
    }

    public int Fd { get; private set; }

    /// <summary>The namespace's display name, as error contexts use it ("host" for the root).</summary>
    public string Name { get; }

    /// <summary>Opens the namespace at <paramref name="path"/> (<c>/run/netns/NAME</c>, <c>/proc/self/ns/net</c>).</summary>
    public static NetnsHandle Open(string path, string name) =>
        new(NativePath.Open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, $"opening namespace '{name}'"), name);

    /// <summary>Takes over an open descriptor of a namespace.</summary>
    internal static NetnsHandle Adopt(int fd, string name) => new(fd, name);

    /// <summary>The namespace a <see cref="NamespaceThread"/> lives in.</summary>
    public static NetnsHandle Of(NamespaceThread thread) =>
        thread.Invoke(() => Open("/proc/thread-self/ns/net", thread.Name));

    public void Dispose()
    {
        if (Fd >= 0) LibC.close(Fd);
        Fd = -1;
    }
}

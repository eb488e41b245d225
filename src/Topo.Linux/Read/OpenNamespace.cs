using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>
/// A namespace being read: its rtnetlink client, one descriptor. A handle that other namespaces can be
/// asked about is made from the socket only while a request needs it: with a handle kept beside each
/// socket, a read of 10,000 namespaces held 20,000 descriptors, all a container's limit allows.
/// </summary>
internal sealed class OpenNamespace(Netns key, NetlinkSocket socket) : IDisposable
{
    public Netns Key { get; } = key;

    public RtnlClient Client { get; } = new(socket, key.Display);

    /// <summary>A new handle of the namespace, for the caller to dispose.</summary>
    public NetnsHandle OpenHandle() => socket.OpenNamespace(Key.Display);

    /// <summary>
    /// Opens the named namespaces that are there (a name whose namespace vanished meanwhile, or that
    /// holds none yet, is left out), their sockets made by one <paramref name="visitor"/>.
    /// </summary>
    public static List<OpenNamespace> OpenAll(NetnsDirectory directory, IEnumerable<Netns> names, NamespaceVisitor visitor)
    {
        var open = new List<OpenNamespace>();
        try
        {
            foreach (var block in visitor.OpenByBlock(directory, names, () => NetlinkSocket.Open()))
                open.AddRange(block.Select(b => new OpenNamespace(b.Ns, b.Opened)));
            return open;
        }
        catch
        {
            foreach (var o in open) o.Dispose();
            throw;
        }
    }

    public static OpenNamespace Host(NamespaceThread host) => new(Netns.Host, host.Invoke(() => NetlinkSocket.Open()));

    public void Dispose() => Client.Dispose();
}

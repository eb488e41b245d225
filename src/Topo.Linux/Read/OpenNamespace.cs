using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>A namespace being read: its rtnetlink client and a handle that other namespaces can be asked about.</summary>
internal sealed class OpenNamespace(Netns key, RtnlClient client, NetnsHandle handle) : IDisposable
{
    public Netns Key { get; } = key;

    public RtnlClient Client { get; } = client;

    public NetnsHandle Handle { get; } = handle;

    /// <summary>
    /// Opens the named namespaces that are there (a name whose namespace vanished meanwhile, or that
    /// holds none yet, is left out), their sockets made by one <paramref name="visitor"/>.
    /// </summary>
    public static List<OpenNamespace> OpenAll(NetnsDirectory directory, IEnumerable<Netns> names, NamespaceVisitor visitor)
    {
        var handles = directory.OpenHandles(names);
        try
        {
            // Entered through the handles already open, so a namespace deleted meanwhile is still the same one.
            var sockets = visitor.OpenIn(handles, () => NetlinkSocket.Open());
            var open = new List<OpenNamespace>(handles.Count);
            for (var i = 0; i < handles.Count; i++)
            {
                if (sockets[i] is { } socket) open.Add(new OpenNamespace(Netns.Of(handles[i].Name), new RtnlClient(socket, handles[i].Name), handles[i]));
                else handles[i].Dispose();
            }

            return open;
        }
        catch
        {
            foreach (var h in handles) h.Dispose();
            throw;
        }
    }

    public static OpenNamespace Host(NamespaceThread host) =>
        new(Netns.Host, RtnlClient.Open(host, "host"), NetnsHandle.Of(host));

    public void Dispose()
    {
        Client.Dispose();
        Handle.Dispose();
    }
}

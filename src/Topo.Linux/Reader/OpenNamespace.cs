using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Reader;

/// <summary>
/// A namespace being read: its rtnetlink client, a handle that other namespaces can be asked about,
/// and, when asked for, an nfnetlink socket made in the same visit (a second visit to every
/// namespace cost as much as the first).
/// </summary>
internal sealed class OpenNamespace(string key, RtnlClient client, NetnsHandle handle, NetlinkSocket? netfilter = null) : IDisposable
{
    public string Key { get; } = key;

    public RtnlClient Client { get; } = client;

    public NetnsHandle Handle { get; } = handle;

    public NetlinkSocket? Netfilter { get; } = netfilter;

    /// <summary>
    /// Opens the named namespaces that are there (a name whose namespace vanished meanwhile, or that
    /// holds none yet, is left out), their sockets made by one <paramref name="visitor"/>.
    /// </summary>
    public static List<OpenNamespace> OpenAll(NetnsDirectory directory, IEnumerable<string> names, NamespaceVisitor visitor, bool netfilter)
    {
        var handles = new List<NetnsHandle>();
        try
        {
            foreach (var name in names)
            {
                try
                {
                    handles.Add(NetnsHandle.Open(directory.PathOf(name), name));
                }
                catch (KernelException e) when (e.Errno == Errors.ENOENT)
                {
                    // Deleted since the directory was listed.
                }
            }

            // Entered through the handles already open, so a namespace deleted meanwhile is still the same one.
            var sockets = visitor.OpenIn(handles, () => Sockets.Open(netfilter));
            var open = new List<OpenNamespace>(handles.Count);
            for (var i = 0; i < handles.Count; i++)
            {
                if (sockets[i] is { } made) open.Add(new OpenNamespace(handles[i].Name, new RtnlClient(made.Route, handles[i].Name), handles[i], made.Netfilter));
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

    public static OpenNamespace Host(NamespaceThread host, bool netfilter) =>
        new(
            Topo.Core.State.Netns.Host,
            RtnlClient.Open(host, "host"),
            NetnsHandle.Of(host),
            netfilter ? host.Invoke(() => NetlinkSocket.Open(0, NetlinkProtocol.Netfilter)) : null);

    public void Dispose()
    {
        Client.Dispose();
        Netfilter?.Dispose();
        Handle.Dispose();
    }

    private sealed record Sockets(NetlinkSocket Route, NetlinkSocket? Netfilter) : IDisposable
    {
        public static Sockets Open(bool netfilter)
        {
            var route = NetlinkSocket.Open();
            try
            {
                return new Sockets(route, netfilter ? NetlinkSocket.Open(0, NetlinkProtocol.Netfilter) : null);
            }
            catch
            {
                route.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            Route.Dispose();
            Netfilter?.Dispose();
        }
    }
}

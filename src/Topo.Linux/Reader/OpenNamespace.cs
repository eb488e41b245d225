using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Reader;

/// <summary>A namespace being read: its rtnetlink client and a handle that other namespaces can be asked about.</summary>
internal sealed class OpenNamespace(string key, RtnlClient client, NetnsHandle handle) : IDisposable
{
    public string Key { get; } = key;

    public RtnlClient Client { get; } = client;

    public NetnsHandle Handle { get; } = handle;

    /// <summary>Opens a named namespace (its socket made by a short-lived thread inside it), or null when it vanished meanwhile.</summary>
    public static OpenNamespace? TryOpen(NetnsDirectory directory, string name)
    {
        NetnsHandle handle;
        try
        {
            handle = NetnsHandle.Open(directory.PathOf(name), name);
        }
        catch (KernelException e) when (e.Errno == Errors.ENOENT)
        {
            return null;
        }

        try
        {
            // Entered through the handle already open, so a namespace deleted meanwhile is still the same one.
            using var thread = NamespaceThread.Enter($"/proc/self/fd/{handle.Fd}", name);
            return new OpenNamespace(name, RtnlClient.Open(thread), handle);
        }
        catch (KernelException e) when (e.Errno == Errors.EINVAL)
        {
            // An empty file, not a namespace: another process is between creating the name and
            // mounting the namespace on it, or between unmounting and unlinking. Not there for us.
            handle.Dispose();
            return null;
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    public static OpenNamespace Host(NamespaceThread host) =>
        new(Topo.Core.State.Netns.Host, RtnlClient.Open(host, "host"), NetnsHandle.Of(host));

    public void Dispose()
    {
        Client.Dispose();
        Handle.Dispose();
    }
}

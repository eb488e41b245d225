using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;
using Topo.Linux.Rtnl;
using Topo.Linux.Sysctl;

namespace Topo.Linux.Namespaces;

/// <summary>
/// Everything a session keeps for one namespace: its thread, its rtnetlink client and, made when
/// first needed, a handle (for placing veth ends there), a libnftables context and an nfnetlink
/// socket for deleting tables. All of them hold the namespace alive, so they are disposed before the namespace is deleted.
/// </summary>
internal sealed class NamespaceContext : IDisposable
{
    private readonly string? _path;
    private NetnsHandle? _handle;
    private NftTables? _nft;
    private NftTableDeleter? _nftDeleter;

    private NamespaceContext(Netns ns, NamespaceThread thread, RtnlClient client, string? path)
    {
        Ns = ns;
        _path = path;
        Thread = thread;
        Client = client;
        Sysctls = new Sysctls(thread);
    }

    /// <summary>The namespace as resources name it (<see cref="Netns.Host"/> for the host).</summary>
    public Netns Ns { get; }

    public NamespaceThread Thread { get; }

    public RtnlClient Client { get; }

    public Sysctls Sysctls { get; }

    /// <summary>
    /// Opened through the namespace's name where it has one: asking its thread would be a thread
    /// hand-over, once per namespace, which the veth creations of a large lab waited on in turn.
    /// </summary>
    public NetnsHandle Handle => _handle ??= _path is null ? NetnsHandle.Of(Thread) : NetnsHandle.Open(_path, Thread.Name);

    /// <summary>The namespace's libnftables context, loading <paramref name="library"/> the first time.</summary>
    public NftTables Nft(string library) => _nft ??= NftTables.Open(Thread, Ns, library);

    /// <summary>
    /// True once its libnftables context is open. libnftables waits on its socket with select(), which
    /// cannot take a descriptor past 1024: one made late in a large run would abort the process, so the
    /// pool keeps such a context rather than open another later.
    /// </summary>
    public bool HoldsNft => _nft is not null;

    public NftTableDeleter NftDeleter => _nftDeleter ??= new NftTableDeleter(Thread);

    /// <summary>
    /// Takes over <paramref name="thread"/> (disposed with the context, or at once when the client cannot be opened);
    /// <paramref name="path"/> is where the namespace is mounted, when it is a named one.
    /// </summary>
    public static NamespaceContext Adopt(Netns ns, NamespaceThread thread, string? path = null)
    {
        try
        {
            return new NamespaceContext(ns, thread, RtnlClient.Open(thread, ns.Display), path);
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _nft?.Dispose();
        _nftDeleter?.Dispose();
        _handle?.Dispose();
        Client.Dispose();
        Thread.Dispose();
    }
}

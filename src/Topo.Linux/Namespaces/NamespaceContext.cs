using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Nftables;
using Topo.Linux.Rtnl;
using Topo.Linux.Sysctl;

namespace Topo.Linux.Namespaces;

/// <summary>
/// Everything a session keeps for one namespace: its rtnetlink client and, made when first needed,
/// a thread inside it (for sysctls and libnftables, which work on files and sockets opened there), a
/// handle (for placing veth ends there), a libnftables context and an nfnetlink socket for deleting
/// tables. All of them hold the namespace alive, so they are disposed before the namespace is deleted.
/// </summary>
internal sealed class NamespaceContext : IDisposable
{
    private readonly string? _path;
    private readonly Func<NamespaceThread>? _enter;
    private NamespaceThread? _thread;
    private Sysctls? _sysctls;
    private NetnsHandle? _handle;
    private NftTables? _nft;
    private NftTableDeleter? _nftDeleter;

    private NamespaceContext(Netns ns, NamespaceThread? thread, Func<NamespaceThread>? enter, RtnlClient client, string? path)
    {
        Ns = ns;
        _path = path;
        _thread = thread;
        _enter = enter;
        Client = client;
    }

    /// <summary>The namespace as resources name it (<see cref="Netns.Host"/> for the host).</summary>
    public Netns Ns { get; }

    /// <summary>
    /// A thread inside the namespace, started on first use when the context was made without one: most
    /// contexts of a large lab only send rtnetlink requests, and a thread each cost a start-up per
    /// namespace entered and, for 10,000 of them, hundreds of megabytes.
    /// </summary>
    public NamespaceThread Thread => _thread ??= _enter!();

    /// <summary>Whether its thread has been started (for tests).</summary>
    public bool HasThread => _thread is not null;

    public RtnlClient Client { get; }

    public Sysctls Sysctls => _sysctls ??= new Sysctls(Thread);

    /// <summary>
    /// Opened through the namespace's name where it has one: asking its thread would be a thread
    /// hand-over, once per namespace, which the veth creations of a large lab waited on in turn.
    /// </summary>
    public NetnsHandle Handle => _handle ??= _path is null ? NetnsHandle.Of(Thread) : NetnsHandle.Open(_path, Ns.Display);

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
            return new NamespaceContext(ns, thread, null, RtnlClient.Open(thread, ns.Display), path);
        }
        catch
        {
            thread.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A context around <paramref name="socket"/>, a rtnetlink socket opened inside the namespace mounted at
    /// <paramref name="path"/>; <paramref name="enter"/> starts its thread if one is ever needed.
    /// </summary>
    public static NamespaceContext Visited(Netns ns, NetlinkSocket socket, string path, Func<NamespaceThread> enter) =>
        new(ns, null, enter, new RtnlClient(socket, ns.Display), path);

    public void Dispose()
    {
        _nft?.Dispose();
        _nftDeleter?.Dispose();
        _handle?.Dispose();
        Client.Dispose();
        _thread?.Dispose();
    }
}

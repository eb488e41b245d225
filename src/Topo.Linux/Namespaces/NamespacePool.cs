using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Nftables;

namespace Topo.Linux.Namespaces;

/// <summary>
/// One <see cref="NamespaceContext"/> per namespace a session touches, opened when first needed
/// and kept, so a plan of many steps in one namespace enters it once.
/// </summary>
/// <param name="nftLibrary">The libnftables file, loaded only when a table's rules are read or written.</param>
internal sealed class NamespacePool(NetnsDirectory directory, NamespaceContext host, string nftLibrary) : IDisposable
{
    private readonly Dictionary<Netns, NamespaceContext> _open = [];

    public NetnsDirectory Directory { get; } = directory;

    public NamespaceContext Host { get; } = host;

    /// <summary>The context of <paramref name="ns"/>, entering the named namespace on first use.</summary>
    public NamespaceContext In(Netns ns)
    {
        if (ns.IsHost) return Host;
        if (_open.TryGetValue(ns, out var context)) return context;
        context = NamespaceContext.Adopt(ns, Directory.Open(ns), Directory.PathOf(ns));
        _open.Add(ns, context);
        return context;
    }

    /// <summary>The libnftables context of <paramref name="ns"/>.</summary>
    /// <exception cref="KernelException">The library is missing ("install the Debian package libnftables1").</exception>
    public NftTables Nft(Netns ns) => In(ns).Nft(nftLibrary);

    /// <summary>Keeps a context opened elsewhere (made on another thread) as its namespace's.</summary>
    public NamespaceContext Adopt(NamespaceContext context)
    {
        Forget(context.Ns);
        _open.Add(context.Ns, context);
        return context;
    }

    /// <summary>Lets go of a namespace (before it is deleted: an open socket or thread would keep it alive).</summary>
    public void Forget(Netns ns)
    {
        if (!ns.IsHost && _open.Remove(ns, out var context)) context.Dispose();
    }

    public void Dispose()
    {
        foreach (var context in _open.Values) context.Dispose();
        _open.Clear();
        Host.Dispose();
    }
}

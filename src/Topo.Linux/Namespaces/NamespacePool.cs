using Tmds.Linux;
using Topo.Core.State;
using Topo.Linux.Netlink;
using Topo.Linux.Nftables;
using Topo.Linux.Read;

namespace Topo.Linux.Namespaces;

/// <summary>
/// One <see cref="NamespaceContext"/> per namespace a session touches, opened when first needed and
/// kept, so a plan of many steps in one namespace enters it once. At most <see cref="Budget"/> are
/// kept: each holds a thread and a descriptor or two, and a lab of 10,000 namespaces kept whole
/// ran out of descriptors part way. The one used longest ago is let go first, never one a
/// <see cref="Hold"/> has pinned (a batch not yet sent names its namespaces' sockets and handles),
/// never one with a libnftables context, and never one used in the last few calls, so a caller may use two contexts it asked for in turn.
/// A namespace let go is entered again through its name when next needed. Safe to use from several threads.
/// </summary>
/// <param name="nftLibrary">The libnftables file, loaded only when a table's rules are read or written.</param>
internal sealed class NamespacePool(NetnsDirectory directory, NamespaceContext host, string nftLibrary, int budget) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Netns, LinkedListNode<NamespaceContext>> _open = [];

    // Most recently used first.
    private readonly LinkedList<NamespaceContext> _recent = new();
    private HashSet<Netns>? _held;
    private NamespaceVisitor? _visitor;
    private int _holds;

    public NamespacePool(NetnsDirectory directory, NamespaceContext host, string nftLibrary)
        : this(directory, host, nftLibrary, BudgetFor(DescriptorLimit.Current))
    {
    }

    public NetnsDirectory Directory { get; } = directory;

    public NamespaceContext Host { get; } = host;

    /// <summary>How many contexts are kept besides the host's.</summary>
    public int Budget { get; } = Math.Max(MinimumBudget, budget);

    /// <summary>How many contexts are open now (for tests).</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate) return _open.Count;
        }
    }

    /// <summary>True once a hold has pinned as many contexts as the budget: its batches should be sent.</summary>
    public bool Crowded
    {
        get
        {
            lock (_gate) return _held is { } held && held.Count >= Budget;
        }
    }

    /// <summary>
    /// An eighth of the descriptor limit: the session's contexts hold up to two each (a quarter of the limit), and an
    /// apply's verifying read holds one per namespace of the lab beside them, so a lab of three quarters of the
    /// limit (15,000 namespaces under a container's 20,000) still fits.
    /// </summary>
    public static int BudgetFor(ulong descriptorLimit) => (int)Math.Min(int.MaxValue, descriptorLimit / 8);

    /// <summary>The context of <paramref name="ns"/>, entering the named namespace on first use.</summary>
    public NamespaceContext In(Netns ns)
    {
        if (ns.IsHost) return Host;
        lock (_gate)
        {
            if (_open.TryGetValue(ns, out var node))
            {
                _recent.Remove(node);
                _recent.AddFirst(node);
            }
            else
            {
                node = Keep(Visit(ns));
            }

            _held?.Add(ns);
            return node.Value;
        }
    }

    /// <summary>The libnftables context of <paramref name="ns"/>.</summary>
    /// <exception cref="KernelException">The library is missing ("install the Debian package libnftables1").</exception>
    public NftTables Nft(Netns ns) => In(ns).Nft(nftLibrary);

    /// <summary>Keeps a context opened elsewhere (made on another thread) as its namespace's.</summary>
    public NamespaceContext Adopt(NamespaceContext context)
    {
        lock (_gate)
        {
            Forget(context.Ns);
            return Keep(context).Value;
        }
    }

    /// <summary>
    /// Pins every context asked for until the hold is disposed: a batch that names a namespace's socket or
    /// handle must find it open when it is sent. While holds overlap, the pins last until the last one ends.
    /// </summary>
    public IDisposable Hold()
    {
        lock (_gate)
        {
            _held ??= [];
            _holds++;
        }

        return new Release(this);
    }

    /// <summary>Lets go of a namespace (before it is deleted: an open socket or thread would keep it alive).</summary>
    public void Forget(Netns ns)
    {
        if (ns.IsHost) return;
        lock (_gate)
        {
            if (!_open.Remove(ns, out var node)) return;
            _recent.Remove(node);
            node.Value.Dispose();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var context in _recent) context.Dispose();
            _recent.Clear();
            _open.Clear();
            _visitor?.Dispose();
        }

        Host.Dispose();
    }

    // The namespace's socket is opened by the visitor, which steps in and out again: a context gets
    // a thread of its own only when something needs one (sysctls, libnftables).
    private NamespaceContext Visit(Netns ns)
    {
        var path = Directory.PathOf(ns);
        using var handle = NetnsHandle.Adopt(NativePath.Open(path, LibC.O_RDONLY | LibC.O_CLOEXEC, $"opening network namespace {path}"), ns.Display);
        _visitor ??= new NamespaceVisitor(returns: true);
        var socket = _visitor.OpenIn([handle], () => NetlinkSocket.Open())[0]
            ?? throw new KernelException($"opening network namespace {path}", Errors.EINVAL, "not a network namespace (being made or deleted by another process)");
        return NamespaceContext.Visited(ns, socket, path, () => Directory.Open(ns));
    }

    private LinkedListNode<NamespaceContext> Keep(NamespaceContext context)
    {
        var node = _recent.AddFirst(context);
        _open.Add(context.Ns, node);
        Trim();
        return node;
    }

    // Lets go of the contexts used longest ago until the budget holds, sparing the pinned and the last few used.
    private void Trim()
    {
        var node = _recent.Last;
        for (var kept = _recent.Count; kept > Budget && node is not null && node != _recent.First;)
        {
            var previous = node.Previous;
            if (_held?.Contains(node.Value.Ns) != true && !node.Value.HoldsNft && !IsRecent(node))
            {
                _recent.Remove(node);
                _open.Remove(node.Value.Ns);
                node.Value.Dispose();
                kept--;
            }

            node = previous;
        }
    }

    private bool IsRecent(LinkedListNode<NamespaceContext> node)
    {
        var n = _recent.First;
        for (var i = 0; i < MinimumBudget && n is not null; i++, n = n.Next)
        {
            if (n == node) return true;
        }

        return false;
    }

    private void EndHold()
    {
        lock (_gate)
        {
            if (--_holds > 0) return;
            _held = null;
            Trim();
        }
    }

    // Never fewer: a step uses a handful of namespaces at a time (a veth's two ends, a route's, a sysctl's).
    private const int MinimumBudget = 16;

    private sealed class Release(NamespacePool pool) : IDisposable
    {
        private bool _done;

        public void Dispose()
        {
            if (_done) return;
            _done = true;
            pool.EndHold();
        }
    }
}

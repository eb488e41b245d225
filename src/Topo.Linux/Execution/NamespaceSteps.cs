using Topo.Linux.Namespaces;

namespace Topo.Linux.Execution;

/// <summary>
/// Makes and deletes the lab's namespaces. Before a deletion it notes the host-side veth ends
/// whose peers are inside, and the host's macvlans whose parents are: the kernel frees them only a
/// moment later, and <c>down</c> waits for that.
/// </summary>
internal sealed class NamespaceSteps(string mark, NamespacePool pool)
{
    private readonly Dictionary<string, IReadOnlyList<string>> _departing = new(StringComparer.Ordinal);

    // The host's links, dumped at the first of a run of namespace deletions and kept through it: a dump
    // per deletion made tearing down N namespaces cost N dumps of N links. Deletions add nothing to the
    // host, so the one dump still names every end whose peer is in a namespace deleted later in the run.
    private List<Rtnl.LinkInfo>? _hostLinks;

    /// <summary>Makes the namespace; its loopback is brought up and carries the lab's mark (the namespace's own).</summary>
    public void Create(string name)
    {
        var context = pool.Adopt(name, pool.Directory.Create(name));
        MarkLoopback(context);
    }

    /// <summary>
    /// Makes the namespaces two at a time: most of a creation is the kernel setting up the new
    /// namespace, which it can do for two at once. Returns each one's failure, null where it was made.
    /// </summary>
    public IReadOnlyList<Exception?> CreateAll(IReadOnlyList<string> names)
    {
        pool.Directory.Prepare();
        var made = new NamespaceContext?[names.Count];
        var errors = new Exception?[names.Count];
        Parallel.For(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try
            {
                made[i] = NamespaceContext.Adopt(names[i], pool.Directory.Create(names[i]), pool.Directory.PathOf(names[i]));
                MarkLoopback(made[i]!);
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });

        // Every namespace that exists is kept, even one that failed later: deleting it needs the pool to let go of it.
        for (var i = 0; i < names.Count; i++)
        {
            if (made[i] is { } context) pool.Adopt(context);
        }

        return errors;
    }

    /// <summary>Called before any step but a namespace deletion: the host's links may change.</summary>
    public void HostMayChange() => _hostLinks = null;

    public void Delete(string name)
    {
        _departing[name] = HostEndsInto(name);
        pool.Forget(name);
        pool.Directory.Delete(name);
    }

    /// <summary>The host-side veth ends (and macvlans) whose peers (parents) were in the deleted <paramref name="namespaces"/>, each taken once.</summary>
    public IReadOnlyList<string> TakeDeparted(IEnumerable<string> namespaces)
    {
        var ends = new List<string>();
        foreach (var name in namespaces)
        {
            if (_departing.Remove(name, out var gone)) ends.AddRange(gone);
        }

        return ends;
    }

    private void MarkLoopback(NamespaceContext context) => context.Client.Apply(b => b.SetUp("lo", true).SetAlias("lo", mark));

    private List<string> HostEndsInto(string name)
    {
        using var handle = NetnsHandle.Open(pool.Directory.PathOf(name), name);
        var host = pool.Host.Client;
        // The dump comes first: listing a veth whose peer is elsewhere is what gives that namespace an id here.
        var links = _hostLinks ??= host.Links();
        if (host.NamespaceIds([handle])[0] is not { } id) return [];
        return links.Where(l => l.Kind is "veth" or "macvlan" && l.PeerNetnsId == id).Select(l => l.Name).ToList();
    }
}

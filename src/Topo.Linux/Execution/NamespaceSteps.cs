using Topo.Linux.Namespaces;

namespace Topo.Linux.Execution;

/// <summary>Makes and deletes the lab's namespaces.</summary>
internal sealed class NamespaceSteps(string mark, NamespacePool pool)
{
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

    public void Delete(string name)
    {
        pool.Forget(name);
        pool.Directory.Delete(name);
    }

    private void MarkLoopback(NamespaceContext context) => context.Client.Apply(b => b.SetUp("lo", true).SetAlias("lo", mark));
}

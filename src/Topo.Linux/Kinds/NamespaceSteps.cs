using Topo.Linux.Namespaces;

namespace Topo.Linux.Kinds;

/// <summary>Makes and deletes the lab's namespaces.</summary>
/// <param name="mounted">Told each name as it becomes visible (crash tests kill the process there).</param>
internal sealed class NamespaceSteps(string mark, NamespacePool pool, Action<string>? mounted = null)
{
    /// <summary>Makes the namespace; its loopback is brought up and carries the lab's mark (the namespace's own).</summary>
    public void Create(string name) => pool.Adopt(Make(name));

    /// <summary>
    /// Makes the namespaces two at a time: most of a creation is the kernel setting up the new
    /// namespace, which it can do for two at once. Returns each one's failure, null where it was made.
    /// </summary>
    public IReadOnlyList<Exception?> CreateAll(IReadOnlyList<string> names)
    {
        pool.Directory.Prepare();
        var errors = new Exception?[names.Count];
        // Each is kept as it is made (the pool keeps no more than its budget), even when another failed:
        // deleting it needs the pool to let go of it.
        Parallel.For(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            try
            {
                pool.Adopt(Make(names[i]));
            }
            catch (Exception e)
            {
                errors[i] = e;
            }
        });

        return errors;
    }

    public void Delete(string name)
    {
        pool.Forget(name);
        pool.Directory.Delete(name);
    }

    // Marked before it is mounted under its name: a kill at any point leaves either no namespace
    // by that name or one that says it is the lab's, never one the next apply must call foreign.
    private NamespaceContext Make(string name)
    {
        var context = pool.Directory.Create(name, thread =>
        {
            var made = NamespaceContext.Adopt(name, thread, pool.Directory.PathOf(name));
            try
            {
                made.Client.Apply(b => b.SetUp("lo", true).SetAlias("lo", mark));
                return made;
            }
            catch
            {
                made.Dispose();
                throw;
            }
        });
        mounted?.Invoke(name);
        return context;
    }
}

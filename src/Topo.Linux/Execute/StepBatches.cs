using Topo.Core.State;
using Topo.Core.Planning;
using Topo.Linux.Rtnl;
using Topo.Linux.Namespaces;

namespace Topo.Linux.Execute;

/// <summary>
/// One rtnetlink batch per namespace, filled by many plan steps and sent together. Remembers which
/// step queued each request, so that a refusal is reported as that step's, in its own words. The
/// namespaces the batches name stay open in the pool until they are sent; once they are as many as
/// the pool keeps, what is queued is sent before more is queued.
/// </summary>
internal sealed class StepBatches(NamespacePool pool, IReadOnlyList<Change> steps)
{
    private readonly Dictionary<Netns, (RtnlBatch Batch, List<int> Owners)> _batches = [];
    private IDisposable? _hold;
    private StepFailedException? _sent;

    /// <summary>Queues the requests of step <paramref name="index"/> in <paramref name="ns"/>'s batch; the failure if it could not.</summary>
    public StepFailedException? Queue(Netns ns, int index, Action<RtnlBatch> build)
    {
        if (pool.Crowded) _sent = StepFailedException.Earliest(_sent, Send());
        _hold ??= pool.Hold();
        if (!_batches.TryGetValue(ns, out var entry))
        {
            entry = (pool.In(ns).Client.Batch(), []);
            _batches.Add(ns, entry);
        }

        var (batch, owners) = entry;
        try
        {
            build(batch);
            return null;
        }
        catch (Exception e) when (StepRunner.Blame(steps[index], e) is not null)
        {
            // Queuing sends nothing (names are looked up at the commit): a refusal here is this step's own.
            return Failed(index, e);
        }
        finally
        {
            while (owners.Count < batch.Count) owners.Add(index);
        }
    }

    /// <summary>Sends every batch; the earliest step the kernel refused, or null when it took them all.</summary>
    public StepFailedException? Commit()
    {
        var first = StepFailedException.Earliest(_sent, Send());
        _sent = null;
        return first;
    }

    private StepFailedException? Send()
    {
        StepFailedException? first = null;
        foreach (var (batch, owners) in _batches.Values)
        {
            try
            {
                batch.Commit();
            }
            catch (KernelException e)
            {
                var culprit = batch.FailedAt is { } at ? owners[at] : owners[^1];
                if (first is null || culprit < first.Index) first = Failed(culprit, e);
            }
        }

        _batches.Clear();
        _hold?.Dispose();
        _hold = null;
        return first;
    }

    private StepFailedException Failed(int index, Exception e) => new(index, StepRunner.Blame(steps[index], e)!);
}

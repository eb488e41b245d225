using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>
/// An interface's conditions as its root qdisc: added in one batch per namespace with the run's other settings (it needs
/// only its interface), replaced in place when they change, deleted when they go. Read back from each namespace's qdisc
/// dump into the same <see cref="Conditions"/> a file gives, so an applied lab plans nothing.
/// </summary>
internal sealed class QdiscDriver : QueuedDriver<QdiscResource>
{
    protected override void Add(RtnlBatch batch, QdiscResource q) => batch.AddQdisc(Spec(q));

    protected override void Remove(RtnlBatch batch, QdiscResource q) => batch.DeleteQdisc(q.Device);

    protected override void Update(QdiscResource after, ImmutableArray<AttrChange> changes, KindContext x) =>
        x.Pool.In(after.Namespace).Client.Apply(b => b.ReplaceQdisc(Spec(after)));

    /// <summary>What the kernel is sent for <paramref name="q"/>'s conditions (netem, or tbf for a rate alone).</summary>
    public static QdiscSpec Spec(QdiscResource q)
    {
        var c = q.Conditions;
        return c.IsNetem
            ? new QdiscSpec(q.Device, new NetemOptions(c.DelayUs * 1_000, c.JitterUs * 1_000, c.Loss, c.Duplicate, c.Corrupt, c.Rate), null)
            : new QdiscSpec(q.Device, null, TbfOptions.WithLatency(c.Rate, c.TbfBurst, Conditions.TbfLatencyUs));
    }

    /// <summary>
    /// The root netem and tbf qdiscs of the namespace's interfaces, each owned as its interface is (by the interface's
    /// mark, as addresses are). Other qdiscs (the kernel's defaults, or a kind topo does not make) are not conditions: left out.
    /// </summary>
    public static IEnumerable<QdiscResource> Read(NamespaceSnapshot snapshot)
    {
        foreach (var q in snapshot.Qdiscs.Where(q => q.IsRoot))
        {
            if (ConditionsOf(q) is not { } conditions || snapshot.ByIndex(q.Index) is not { } link) continue;
            yield return new QdiscResource(snapshot.Key, link.Name, conditions) { Owner = Ownership.LabOf(link.Alias) };
        }
    }

    // The kernel keeps times in nanoseconds; a file's are whole microseconds, which the ticks between lose less than half of.
    private static Conditions? ConditionsOf(QdiscInfo q) => q switch
    {
        { Netem: { } n } => new Conditions(Microseconds(n.LatencyNs), Microseconds(n.JitterNs), n.Loss, n.Duplicate, n.Corrupt, n.Rate),
        { Tbf: { } t } => new Conditions(0, 0, 0, 0, 0, t.Rate),
        _ => null,
    };

    private static long Microseconds(long ns) => (long)Math.Round(ns / 1_000.0, MidpointRounding.AwayFromZero);
}

using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Read;

namespace Topo.Linux.Kinds;

/// <summary>The lab's named namespaces: made marked (<see cref="NamespaceSteps"/>), their loopback brought back up, deleted.</summary>
internal sealed class NamespaceDriver : KindDriver<NamespaceResource>
{
    public override StepRun RunOf(ChangeAction action) => action switch
    {
        ChangeAction.Create => StepRun.Namespaces,
        ChangeAction.Delete => StepRun.Deletions,
        _ => StepRun.Alone,
    };

    protected override void Create(NamespaceResource n, KindContext x) => x.Namespaces.Create(n.Name);

    // Its only attribute is the loopback's state.
    protected override void Update(NamespaceResource n, ImmutableArray<AttrChange> changes, KindContext x) =>
        x.Pool.In(n.Name).Client.Apply(b => b.SetUp("lo", true));

    protected override void Delete(NamespaceResource n, KindContext x) => x.Namespaces.Delete(n.Name);

    /// <summary>A named namespace as read: its owner is the lab its loopback's mark names.</summary>
    public static NamespaceResource? Read(NamespaceSnapshot snapshot, string? owner) =>
        snapshot.Key.IsNamed
            ? new NamespaceResource(snapshot.Key.Id) { Owner = owner, LoopbackUp = snapshot.Links.FirstOrDefault(l => l.Name == "lo")?.Up ?? false }
            : null;
}

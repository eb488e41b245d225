using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// A persistent named network namespace (<c>/run/netns/NAME</c>), marked by its loopback's alias. Its loopback
/// is up: one set down by hand is drift (the node no longer reaches its own addresses), brought up in place.
/// </summary>
public sealed record NamespaceResource(string Name) : Resource
{
    public bool LoopbackUp { get; init; } = true;

    public override ResourceKey Key => new(ResourceKind.Namespace, Netns.Host, Name);

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<Attr> Attributes => [new("loopback", LoopbackUp ? "up" : "down", AttrUpdate.InPlace)];

    public override Netns Namespace => Name;

    public override string Describe(NamespaceNames names) => $"netns {Name}";
}

/// <summary>A namespace by hand: made, its loopback up and carrying the mark (a namespace has no alias, its loopback does); a box of its own.</summary>
internal sealed class NamespaceText : KindText<NamespaceResource>
{
    internal override GraphPass Pass => GraphPass.Boxes;

    private protected override IEnumerable<string> Create(NamespaceResource n, ExplainContext x) =>
    [
        $"ip netns add {ShellWords.Quote(n.Name)}",
        $"{Where.Ip(n.Name)} link set lo up",
        $"{Where.Ip(n.Name)} link set lo alias {ShellWords.Quote(x.Mark)}",
    ];

    // Its only attribute is the loopback's state.
    private protected override IEnumerable<string> Update(NamespaceResource n, ImmutableArray<AttrChange> changes, ExplainContext x) =>
        [$"{Where.Ip(n.Name)} link set lo up"];

    private protected override IEnumerable<string> Delete(NamespaceResource n, ExplainContext x) => [$"ip netns del {ShellWords.Quote(n.Name)}"];

    private protected override void Draw(NamespaceResource n, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Namespace(n.Name).State = state;
}

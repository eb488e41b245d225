namespace Topo.Core.State;

/// <summary>
/// An interface of a kind topo does not make (a dummy, a physical NIC, a veth whose peer was not read).
/// It appears only in actual state, where it can collide with a wanted name.
/// </summary>
public sealed record OtherLinkResource(LinkEnd Device, string LinkKind) : Resource
{
    public override ResourceKey Key => Device.Key;

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<Attr> Attributes => [new("kind", LinkKind, AttrUpdate.Replace)];

    public override string Describe(NamespaceNames names) => $"{LinkKind} {names.End(Device)}";
}

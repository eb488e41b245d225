using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// An interface of a kind topo does not make (a dummy, a physical NIC, a veth whose peer was not read).
/// It appears only in actual state, where it can collide with a wanted name.
/// </summary>
public sealed record OtherLinkResource(LinkEnd Device, string LinkKind) : Resource
{
    public override ResourceKey Key => Device.Key;

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<LinkEnd> Interfaces => [Device];

    public override IEnumerable<Attr> Attributes => [new("kind", LinkKind, AttrUpdate.Replace)];

    public override string Describe(NamespaceNames names) => $"{LinkKind} {names.End(Device)}";
}

/// <summary>An interface of a kind topo does not make: only ever deleted (a foreign one never is).</summary>
internal sealed class OtherLinkText : KindText<OtherLinkResource>
{
    private protected override IEnumerable<string> Create(OtherLinkResource o, ExplainContext x) =>
        throw new ArgumentException($"topo does not make a {o.LinkKind}");

    private protected override IEnumerable<string> Delete(OtherLinkResource o, ExplainContext x) => [LinkCommands.Delete(o.Device)];
}

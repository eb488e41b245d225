using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>A Linux bridge. Its MTU is compared only when the lab sets one, since the kernel makes it follow the ports.</summary>
public sealed record BridgeResource(LinkEnd Device) : Resource
{
    public override ResourceKey Key => Device.Key;

    public override IEnumerable<ResourceKey> Dependencies =>
        Device.Namespace.IsHost ? [] : [ResourceKey.OfNamespace(Device.Namespace)];

    public override IEnumerable<LinkEnd> Interfaces => [Device];

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", "bridge", AttrUpdate.Replace),
        new("mtu", Device.Mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new("mac", Device.Mac, AttrUpdate.InPlace),
        new("up", Device.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) => $"bridge {names.End(Device)}";
}

/// <summary>A bridge by hand; a box of its own in the picture.</summary>
internal sealed class BridgeText : DeviceText<BridgeResource>
{
    internal override GraphPass Pass => GraphPass.Boxes;

    private protected override IEnumerable<string> Create(BridgeResource b, ExplainContext x) => LinkCommands.CreateBridge(b, x.Mark);

    private protected override LinkEnd DeviceOf(BridgeResource b) => b.Device;

    private protected override void Draw(BridgeResource b, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Bridge(b.Device.Namespace, b.Device.Name).State = state;
}

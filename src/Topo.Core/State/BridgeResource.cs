namespace Topo.Core.State;

/// <summary>A Linux bridge. Its MTU is compared only when the lab sets one, since the kernel makes it follow the ports.</summary>
public sealed record BridgeResource(LinkEnd Device) : Resource
{
    public override ResourceKey Key => Device.Key;

    public override IEnumerable<ResourceKey> Dependencies =>
        Device.Namespace.Length == 0 ? [] : [new ResourceKey(ResourceKind.Namespace, Netns.Host, Device.Namespace)];

    public override IEnumerable<Attr> Attributes =>
    [
        new("kind", "bridge", AttrUpdate.Replace),
        new("mtu", Device.Mtu?.ToString(System.Globalization.CultureInfo.InvariantCulture), AttrUpdate.InPlace),
        new("mac", Device.Mac, AttrUpdate.InPlace),
        new("up", Device.Up?.ToString().ToLowerInvariant(), AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) => $"bridge {names.End(Device)}";
}

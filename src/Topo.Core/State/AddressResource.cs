namespace Topo.Core.State;

/// <summary>An IPv4 or IPv6 address in CIDR form on an interface; owned when its interface is.</summary>
public sealed record AddressResource(string Ns, string Device, string Cidr) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Address, Ns, $"{Device} {Cidr}");

    public ResourceKey DeviceKey => new(ResourceKind.Link, Ns, Device);

    public override IEnumerable<ResourceKey> Dependencies => [DeviceKey];

    public override IEnumerable<Attr> Attributes => [];

    public override string Describe(NamespaceNames names) => $"address {Cidr} on {names.Of(Ns)}:{Device}";
}

namespace Topo.Core.State;

/// <summary>An IPv4 or IPv6 address in CIDR form on an interface; owned when its interface is.</summary>
public sealed record AddressResource(string Ns, string Device, string Cidr) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Address, Ns, $"{Device} {Cidr}");

    public ResourceKey DeviceKey => new(ResourceKind.Link, Ns, Device);

    public bool IsV6 => Cidr.Contains(':');

    /// <summary>
    /// Not an object but what the routes of a family out of an interface stand on: its addresses of that family.
    /// The kernel drops such routes when the last of them goes (a prefix changed is an address deleted and another added).
    /// </summary>
    public static ResourceKey FootingOf(string ns, string device, bool v6) => new(ResourceKind.Address, ns, $"{device} {(v6 ? "ipv6" : "ipv4")}");

    public ResourceKey Footing => FootingOf(Ns, Device, IsV6);

    public override IEnumerable<ResourceKey> Dependencies => [DeviceKey];

    public override IEnumerable<Attr> Attributes => [];

    public override string Describe(NamespaceNames names) => $"address {Cidr} on {names.Of(Ns)}:{Device}";
}

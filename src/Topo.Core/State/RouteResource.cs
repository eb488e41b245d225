namespace Topo.Core.State;

/// <summary>
/// A route in a namespace's main table, keyed by destination: one per family and destination, as the kernel
/// keeps them (<c>default</c> is IPv4's default, <c>::/0</c> IPv6's, anything else a CIDR).
/// <see cref="GatewayAddress"/> is the lab's address whose subnet holds <see cref="Via"/>:
/// the kernel refuses the route until that address exists, so it is a dependency; it is not compared.
/// </summary>
public sealed record RouteResource(string Ns, string To, string? Via, string? Device) : Resource
{
    public ResourceKey? GatewayAddress { get; init; }

    public override ResourceKey Key => new(ResourceKind.Route, Ns, To);

    public bool IsV6 => To.Contains(':');

    public override IEnumerable<ResourceKey> Dependencies
    {
        get
        {
            if (Ns.Length != 0) yield return new ResourceKey(ResourceKind.Namespace, Netns.Host, Ns);
            if (Device is not null) yield return new ResourceKey(ResourceKind.Link, Ns, Device);
            if (GatewayAddress is { } gw) yield return gw;
        }
    }

    public override IEnumerable<Attr> Attributes =>
    [
        new("via", Via, AttrUpdate.InPlace),
        new("dev", Device, AttrUpdate.InPlace),
    ];

    public override string Describe(NamespaceNames names) =>
        $"route {To}" + (Via is null ? "" : $" via {Via}") + (Device is null ? "" : $" dev {Device}") + $" in {names.Of(Ns)}";
}

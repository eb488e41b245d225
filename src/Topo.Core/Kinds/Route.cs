using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// A route in a namespace's main table, keyed by destination: one per family and destination, as the kernel
/// keeps them (<c>default</c> is IPv4's default, <c>::/0</c> IPv6's, anything else a CIDR).
/// <see cref="GatewayAddress"/> is the lab's address whose subnet holds <see cref="Via"/>:
/// the kernel refuses the route until that address exists, so it is a dependency; it is not compared.
/// </summary>
public sealed record RouteResource(Netns Ns, string To, string? Via, string? Device) : Resource
{
    public ResourceKey? GatewayAddress { get; init; }

    public override ResourceKey Key => new(ResourceKind.Route, Ns, To);

    public bool IsV6 => To.Contains(':');

    public override IEnumerable<ResourceKey> Dependencies
    {
        get
        {
            if (!Ns.IsHost) yield return ResourceKey.OfNamespace(Ns);
            if (Device is not null) yield return new ResourceKey(ResourceKind.Link, Ns, Device);
            if (GatewayAddress is { } gw) yield return gw;
        }
    }

    public override IEnumerable<Attr> Attributes =>
    [
        new("via", Via, AttrUpdate.InPlace),
        new("dev", Device, AttrUpdate.InPlace),
    ];

    /// <summary>The route as <c>ip route</c> lists it: <c>default via 10.0.0.1 dev eth0</c>.</summary>
    public string Text => To + (Via is null ? "" : $" via {Via}") + (Device is null ? "" : $" dev {Device}");

    public override string Describe(NamespaceNames names) => $"route {Text} in {names.Of(Ns)}";
}

/// <summary>
/// A route by hand, with topo's protocol as its mark; a deletion outside the lab's namespaces takes only
/// a route so marked. In the picture, a line in its namespace's box.
/// </summary>
internal sealed class RouteText : KindText<RouteResource>
{
    private protected override IEnumerable<string> Create(RouteResource r, ExplainContext x) => [Command(r, "add")];

    // Written again after its interface's address changed, it may have survived: replace, as apply does.
    private protected override IEnumerable<string> Recreate(RouteResource r, ExplainContext x) => [Command(r, "replace")];

    private protected override IEnumerable<string> Update(RouteResource r, ImmutableArray<AttrChange> changes, ExplainContext x) => [Command(r, "replace")];

    private protected override IEnumerable<string> Delete(RouteResource r, ExplainContext x) => [Command(r, "del")];

    private protected override void Draw(RouteResource r, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces) =>
        draft.Detail(r.Ns, r.Text, state);

    private static string Command(RouteResource r, string verb) =>
        $"{Where.Ip(r.Ns)} route {verb} {r.To}" +
        (r.Via is null ? "" : $" via {r.Via}") + (r.Device is null ? "" : $" dev {ShellWords.Quote(r.Device)}") +
        (verb != "del" || !r.Ns.IsNamed ? $" proto {Ownership.RouteProtocol}" : "");
}

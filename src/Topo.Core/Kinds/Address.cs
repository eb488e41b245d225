using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>An IPv4 or IPv6 address in CIDR form on an interface; owned when its interface is.</summary>
public sealed record AddressResource(Netns Ns, string Device, string Cidr) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Address, Ns, $"{Device} {Cidr}");

    public ResourceKey DeviceKey => new(ResourceKind.Link, Ns, Device);

    public bool IsV6 => Cidr.Contains(':');

    /// <summary>
    /// Not an object but what the IPv4 routes out of an interface stand on: its IPv4 addresses. The kernel drops
    /// those routes when the last of them goes (a prefix changed is an address deleted and another added), and
    /// not before. IPv6 has no such footing: its routes outlive every address of their interface (the gateway
    /// stays a neighbour on the link), so a route through a gateway whose address goes must be deleted itself.
    /// </summary>
    public static ResourceKey FootingOf(Netns ns, string device) => new(ResourceKind.Address, ns, $"{device} ipv4");

    /// <summary>The footing this address is part of; null for IPv6.</summary>
    public ResourceKey? Footing => IsV6 ? null : FootingOf(Ns, Device);

    public override IEnumerable<ResourceKey> Dependencies => [DeviceKey];

    public override IEnumerable<Attr> Attributes => [];

    public override string Describe(NamespaceNames names) => $"address {Cidr} on {names.Of(Ns)}:{Device}";
}

/// <summary>An address by hand; in the picture, a line under its interface's name and in its bridge's box.</summary>
internal sealed class AddressText : KindText<AddressResource>
{
    internal override GraphPass Pass => GraphPass.Addresses;

    private protected override IEnumerable<string> Create(AddressResource a, ExplainContext x) =>
        [$"{Where.Ip(a.Ns)} addr add {a.Cidr} dev {ShellWords.Quote(a.Device)}"];

    private protected override IEnumerable<string> Delete(AddressResource a, ExplainContext x) =>
        [$"{Where.Ip(a.Ns)} addr del {a.Cidr} dev {ShellWords.Quote(a.Device)}"];

    private protected override void Draw(AddressResource a, ObjectState state, GraphDraft draft, InterfaceAddresses interfaces)
    {
        interfaces.Add(a, state);
        if (draft.FindBridge(a.Ns, a.Device) is { } bridge) bridge.AddDetail(draft.Line(a.Cidr, state), state);
    }
}

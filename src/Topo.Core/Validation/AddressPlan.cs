using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>An address the lab puts on an interface.</summary>
internal sealed record PlannedAddress(Netns Ns, string Device, Cidr Cidr)
{
    public AddressResource Resource => new(Ns, Device, Cidr.ToString());
}

/// <summary>One valid <c>subnet</c> of a bridge (a dual-stack bridge has one per family): its gateway (the bridge's own address) and its pool.</summary>
internal sealed record SubnetBridge(BridgePlace Bridge, Cidr Subnet, Cidr Gateway, Cidr Pool)
{
    /// <summary>The subnet as written, and its path (<c>bridges.B.subnet</c>, or <c>bridges.B.subnet[1]</c> in a list), for errors.</summary>
    public required Located<string> Written { get; init; }

    public required string Path { get; init; }
}

/// <summary>A node end that got an address from a bridge's pool, and so a default route of that family via the gateway.</summary>
internal sealed record AutoAddress(Endpoint End, PlannedAddress Address, SubnetBridge Bridge);

/// <summary>Every address of the lab in a stable order: bridge addresses by bridge, then link ends by link.</summary>
internal sealed record AddressPlan(
    ImmutableArray<PlannedAddress> All,
    ImmutableDictionary<string, ImmutableArray<SubnetBridge>> SubnetBridges,
    ImmutableArray<AutoAddress> Automatic)
{
    private readonly ILookup<Netns, PlannedAddress> _byNs = All.ToLookup(a => a.Ns);

    public IEnumerable<PlannedAddress> In(Netns ns) => _byNs[ns];

    /// <summary>The lab's address in <paramref name="ns"/> whose subnet holds <paramref name="ip"/>, first by plan order.</summary>
    public PlannedAddress? Connected(Netns ns, Ip ip) => _byNs[ns].FirstOrDefault(a => a.Cidr.Network.Contains(ip));
}

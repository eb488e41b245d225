using System.Collections.Immutable;

namespace Topo.Core.Export;

/// <summary>A lab file in the making: what <c>export</c> found, in the file's own terms, before it is written out.</summary>
public sealed record ExportedLab(
    string Lab,
    ImmutableSortedDictionary<string, string> HostSysctls,
    ImmutableArray<ExportedRoute> HostRoutes,
    ImmutableArray<ExportedBridge> Bridges,
    ImmutableArray<ExportedNode> Nodes,
    ImmutableArray<ExportedLink> Links,
    ImmutableArray<ExportedMacvlan> Macvlans)
{
    public ImmutableArray<ExportedVxlan> Vxlans { get; init; } = [];
}

/// <summary>
/// A bridge; with <see cref="Subnets"/> (one, or one per family) it is the gateway of each and <see cref="Address"/>
/// is null, else <see cref="Address"/> is a plain CIDR or none.
/// </summary>
public sealed record ExportedBridge(string Name, string? Node, ImmutableArray<ExportedSubnet> Subnets, string? Address, bool Masquerade, bool Isolated, string? Mac, int? Mtu)
{
    public bool Internal { get; init; }

    /// <summary>The subnet of a family (true: IPv6), if the bridge has one.</summary>
    public ExportedSubnet? Of(bool v6) => Subnets.FirstOrDefault(s => s.IsV6 == v6);
}

/// <summary>One subnet of a bridge: its network, the bridge's address in it (a bare IP), and where the pool hands out addresses, if not the whole subnet.</summary>
public sealed record ExportedSubnet(string Network, string Gateway, string? Range = null)
{
    public bool IsV6 => Network.Contains(':', StringComparison.Ordinal);

    /// <summary>Whether the gateway is the subnet's first usable address, the one the file need not write.</summary>
    public bool GatewayIsFirst => Validation.Cidr.Parse(Network) is { } n && Validation.Ip.Parse(Gateway) == n.FirstUsable;
}

public sealed record ExportedNode(string Name, ImmutableSortedDictionary<string, string> Sysctls, ImmutableArray<ExportedRoute> Routes, ImmutableArray<string> Ports);

public sealed record ExportedRoute(string To, string? Via, string? Dev);

/// <summary>A veth pair: two endpoints as the file writes them, addresses and MACs by endpoint, and an MTU for both ends.</summary>
public sealed record ExportedLink(
    string A,
    string B,
    ImmutableArray<(string Endpoint, ImmutableArray<string> Cidrs)> Addresses,
    int? Mtu,
    ImmutableArray<(string Endpoint, string Mac)> Macs)
{
    /// <summary>The conditions of each end that has any, by endpoint.</summary>
    public ImmutableArray<(string Endpoint, Kinds.Conditions Conditions)> Conditions { get; init; } = [];

    public bool IsShort => Addresses.IsEmpty && Mtu is null && Macs.IsEmpty && Conditions.IsEmpty;
}

/// <summary>A macvlan in bridge mode: its parent and endpoint as the file writes them, the endpoint's addresses, MTU and MAC.</summary>
/// <summary>A link of one device: a macvlan, ipvlan or vlan on <see cref="Parent"/>, or a dummy (no parent).</summary>
public sealed record ExportedMacvlan(string Parent, string Endpoint, ImmutableArray<string> Cidrs, int? Mtu, string? Mac)
{
    public string Type { get; init; } = "macvlan";

    /// <summary>A macvlan's or ipvlan's mode; null for the others.</summary>
    public string? Mode { get; init; } = "bridge";

    /// <summary>A vlan's 802.1Q id.</summary>
    public int? Id { get; init; }

    /// <summary>The conditions on the device's egress, if any.</summary>
    public Kinds.Conditions? Conditions { get; init; }
}

/// <summary>
/// A vxlan: its endpoint as the file writes it, its tunnel (a remote, or a group joined on a device), the node it is made in (null: the host), and the
/// endpoint's addresses, MTU (when not the kernel's own) and MAC.
/// </summary>
public sealed record ExportedVxlan(string Endpoint, int Vni, string? Remote, string? Group, string? Dev, string? Local, int Port, string? Underlay, ImmutableArray<string> Cidrs, int? Mtu, string? Mac);

/// <summary>
/// How to export. <see cref="IncludeHost"/>: the host's forwarding sysctls and its routes through
/// exported interfaces. <see cref="IncludeMacs"/>: every MAC as the kernel holds it; the kernel gives
/// no sign of which were chosen and which are random, so by default none is written.
/// </summary>
public sealed record ExportOptions(string Lab, bool IncludeHost = false, bool IncludeMacs = false);

/// <summary>What export gives: the file's text, and what it could not say (one line each).</summary>
public sealed record ExportResult(string Text, ImmutableArray<string> Warnings);

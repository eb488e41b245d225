using System.Collections.Immutable;

namespace Topo.Core.Model;

/// <summary>A lab file as the user wrote it: types checked, meaning not yet checked.</summary>
public sealed record LabFile(
    Located<int> Version,
    Located<string> Lab,
    HostSpec Host,
    ImmutableArray<BridgeSpec> Bridges,
    ImmutableArray<NodeSpec> Nodes,
    ImmutableArray<LinkSpec> Links,
    ImmutableArray<CheckSpec> Checks)
{
    /// <summary>The machines a lab spans (<c>hosts:</c>); empty for a lab on the machine that applies it.</summary>
    public ImmutableArray<MachineSpec> Hosts { get; init; } = [];

    /// <summary><c>names: true</c>: every node resolves the nodes it shares a bridge or a link with (Docker's user-defined networks).</summary>
    public Located<bool>? Names { get; init; }
}

/// <summary>
/// One entry of <c>hosts:</c>: a machine of a lab that spans several, with the address its tunnels use
/// (<c>underlay</c>) and how <c>topo</c> reaches it over OpenSSH (<c>ssh</c>, default its name).
/// Named machine, not host, because <c>host</c> is the root namespace everywhere else in the file.
/// </summary>
public sealed record MachineSpec(Located<string> Name, Located<string>? Underlay, Located<string>? Ssh);

/// <summary>The root namespace: only its sysctls and routes are managed.</summary>
public sealed record HostSpec(ImmutableArray<SysctlSpec> Sysctls, ImmutableArray<RouteSpec> Routes)
{
    public static readonly HostSpec Empty = new([], []);
}

/// <summary><c>net.ipv4.ip_forward: 1</c>; the value is kept as written (an integer or a short string).</summary>
public sealed record SysctlSpec(Located<string> Key, Located<string> Value);

/// <summary><c>{to: CIDR|default, via: IP, dev: IFNAME}</c>.</summary>
public sealed record RouteSpec(SourceMark Mark, Located<string> To, Located<string>? Via, Located<string>? Dev);

public sealed record BridgeSpec(
    Located<string> Name,
    Located<string>? Node,
    Located<string>? Subnet,
    Located<string>? Address,
    Located<string>? IpRange,
    Located<bool>? Masquerade,
    Located<bool>? Isolated,
    Located<int>? Mtu,
    Located<string>? Mac)
{
    /// <summary>The machine the bridge lives on, in a lab with <c>hosts:</c>.</summary>
    public Located<string>? Host { get; init; }

    /// <summary>One segment across every machine with a node on it (Docker's overlay network).</summary>
    public Located<bool>? Overlay { get; init; }

    /// <summary>An overlay's VXLAN id, when not derived from the lab and bridge names.</summary>
    public Located<int>? Vni { get; init; }

    /// <summary>An overlay's UDP port (4789 unless written).</summary>
    public Located<int>? Port { get; init; }

    /// <summary><c>names:</c> for the nodes on this bridge, over the file's top-level <c>names:</c>.</summary>
    public Located<bool>? Names { get; init; }

    /// <summary><c>ports:</c> interfaces of the machine that the lab does not make, enslaved to the bridge (<c>host:eth1</c>).</summary>
    public ImmutableArray<Located<string>> Ports { get; init; } = [];

    public bool IsOverlay => Overlay is { Value: true };

    /// <summary><c>internal: true</c>: no way out of the bridge, as <c>docker network create --internal</c>.</summary>
    public Located<bool>? Internal { get; init; }

    public bool IsInternal => Internal is { Value: true };

    /// <summary>
    /// Every subnet written: one, or one per family (<c>[172.20.0.0/16, fd00:20::/64]</c>). <see cref="Subnet"/> is
    /// the first; a spec made with <see cref="Subnet"/> alone has it as its only one.
    /// </summary>
    public ImmutableArray<Located<string>> Subnets
    {
        get => _subnets.IsDefault ? OneOrNone(Subnet) : _subnets;
        init => _subnets = value;
    }

    /// <summary>Every <c>ip_range</c> written, at most one per family, each within the subnet of its family.</summary>
    public ImmutableArray<Located<string>> IpRanges
    {
        get => _ipRanges.IsDefault ? OneOrNone(IpRange) : _ipRanges;
        init => _ipRanges = value;
    }

    private readonly ImmutableArray<Located<string>> _subnets;
    private readonly ImmutableArray<Located<string>> _ipRanges;

    private static ImmutableArray<Located<string>> OneOrNone(Located<string>? value) => value is null ? [] : [value];
}

/// <summary>
/// A node. <see cref="Network"/> (<c>host</c> or <c>none</c>) and <see cref="Netns"/> (the path of an
/// existing namespace to attach to) are as written; validation gives them their meaning.
/// </summary>
public sealed record NodeSpec(
    Located<string> Name,
    ImmutableArray<SysctlSpec> Sysctls,
    ImmutableArray<RouteSpec> Routes,
    ImmutableArray<Located<string>> Ports)
{
    public Located<string>? Network { get; init; }

    public Located<string>? Netns { get; init; }

    /// <summary>The machine the node lives on, in a lab with <c>hosts:</c>.</summary>
    public Located<string>? Host { get; init; }
}

/// <summary>
/// A veth pair, or with <c>type: macvlan</c> a macvlan device. The short form <c>[A, B]</c> has only
/// <see cref="Endpoints"/>; the long form adds per-end addresses and MACs and an MTU for both ends.
/// A macvlan has no <see cref="Endpoints"/>: its device is <see cref="Endpoint"/>, stacked on <see cref="Parent"/>.
/// </summary>
public sealed record LinkSpec(
    SourceMark Mark,
    ImmutableArray<Located<string>> Endpoints,
    ImmutableArray<EndpointAddresses> Addresses,
    Located<int>? Mtu,
    ImmutableArray<EndpointMac> Macs,
    Located<string>? Parent = null,
    Located<string>? Endpoint = null,
    VxlanSpec? Vxlan = null)
{
    /// <summary>A device stacked on a parent: a macvlan, an ipvlan or a vlan (<see cref="Type"/> says which).</summary>
    public bool IsMacvlan => Parent is not null;

    /// <summary><c>type:</c> as written; absent for a veth pair.</summary>
    public string Type { get; init; } = "veth";

    /// <summary>A macvlan's or an ipvlan's mode as written; absent: the kind's default (bridge, l2).</summary>
    public Located<string>? Mode { get; init; }

    /// <summary>A vlan's 802.1Q id.</summary>
    public Located<int>? VlanId { get; init; }

    public bool IsVxlan => Vxlan is not null;

    /// <summary>A link of one device (a macvlan, a vxlan), written with <c>endpoint:</c>, rather than two ends.</summary>
    public bool IsDevice => Endpoint is not null;

    /// <summary><c>conditions:</c>, for every end and per end; none when absent.</summary>
    public ConditionsSpec Conditions { get; init; } = ConditionsSpec.None;
}

/// <summary>
/// A link's <c>conditions:</c> as written: the settings of every end (<c>delay: 10ms</c> straight under it) and those of
/// single ends (<c>box1:eth0: {loss: 1%}</c>), which win over the link's key by key.
/// </summary>
public sealed record ConditionsSpec(ImmutableArray<ConditionSetting> Whole, ImmutableArray<EndpointConditions> Ends)
{
    public static readonly ConditionsSpec None = new([], []);

    public bool IsEmpty => Whole.IsEmpty && Ends.IsEmpty;
}

/// <summary><c>delay: 10ms</c>: a key of <c>conditions:</c> and its value as written.</summary>
public sealed record ConditionSetting(Located<string> Key, Located<string> Value);

/// <summary><c>box1:eth0: {delay: 10ms}</c> under a link's <c>conditions:</c>.</summary>
public sealed record EndpointConditions(Located<string> Endpoint, ImmutableArray<ConditionSetting> Settings);

/// <summary>
/// A standalone VXLAN device (<c>type: vxlan</c>): its VNI, the tunnel's far end (<c>remote</c>), the
/// address it sends from (<c>local</c>), its UDP port, and the namespace it is made in (<c>underlay</c>:
/// <c>host</c> or a node), where its socket stays when the device is placed in its endpoint's namespace, and the
/// interface there it sends by (<c>dev</c>), which a multicast <c>group</c> needs to join it on.
/// </summary>
public sealed record VxlanSpec(Located<int> Vni, Located<string>? Remote, Located<string>? Group, Located<string>? Local, Located<int>? Port, Located<string>? Underlay, Located<string>? Dev = null);

/// <summary><c>router:eth1: [10.100.0.1/24]</c> under a link's <c>addresses:</c>.</summary>
public sealed record EndpointAddresses(Located<string> Endpoint, ImmutableArray<Located<string>> Cidrs);

/// <summary><c>router:eth1: 02:42:ac:11:00:02</c> under a link's <c>mac:</c>.</summary>
public sealed record EndpointMac(Located<string> Endpoint, Located<string> Mac);

/// <summary><c>{from, to, proto, expect, timeout, standin}</c>; <c>timeout</c> as written (<c>1s</c>, <c>500ms</c>).</summary>
public sealed record CheckSpec(
    Located<string> From,
    Located<string> To,
    Located<string>? Proto,
    Located<string> Expect,
    Located<string>? Timeout,
    Located<bool>? StandIn = null)
{
    /// <summary><c>by: name</c>: the target node is looked up by its name inside <c>from</c>, through its hosts file.</summary>
    public Located<string>? By { get; init; }

    /// <summary><c>family: 4|6</c>: which of a node's (or the host's) addresses a check by name tries; an address says its own.</summary>
    public Located<string>? Family { get; init; }
}

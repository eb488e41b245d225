using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// A lab as the generator chose it, before it is written as YAML. The properties compare what
/// the validator made of the text with what was chosen here, so the expectation never comes
/// from the code under test.
/// </summary>
internal sealed record LabDraft(
    string Name,
    ImmutableArray<SysctlDraft> HostSysctls,
    ImmutableArray<RouteDraft> HostRoutes,
    ImmutableArray<BridgeDraft> Bridges,
    ImmutableArray<NodeDraft> Nodes,
    ImmutableArray<LinkDraft> Links,
    ImmutableArray<CheckDraft> Checks);

/// <summary>
/// A bridge, in the host or in <see cref="Node"/>'s namespace, with at most one subnet and one ip_range per
/// family. <see cref="Address"/> is the gateway of one family with a subnet, or a plain interface CIDR without.
/// <see cref="AsList"/> writes a single subnet or ip_range as a list of one.
/// </summary>
internal sealed record BridgeDraft(
    string Name, string? Node, ImmutableArray<string> Subnets, string? Address, ImmutableArray<string> IpRanges,
    bool? Masquerade, bool? Isolated, int? Mtu, bool AsList = false)
{
    public Netns Ns => Node ?? Netns.Host;

    public bool HasSubnet => !Subnets.IsEmpty;

    public string? SubnetOf(bool v6) => Subnets.FirstOrDefault(s => IsV6(s) == v6);

    public string? RangeOf(bool v6) => IpRanges.FirstOrDefault(r => IsV6(r) == v6);

    /// <summary>The families the bridge has a subnet of, IPv4 first.</summary>
    public IEnumerable<bool> Families => new[] { false, true }.Where(v6 => SubnetOf(v6) is not null);

    public static bool IsV6(string address) => address.Contains(':', StringComparison.Ordinal);
}

internal sealed record SysctlDraft(string Key, string Value);

internal sealed record RouteDraft(string To, string? Via, string? Dev);

/// <summary>A node; <see cref="Bare"/> picks <c>NAME:</c> over <c>NAME: {}</c> when it has no settings.</summary>
internal sealed record NodeDraft(
    string Name, ImmutableArray<SysctlDraft> Sysctls, ImmutableArray<RouteDraft> Routes, ImmutableArray<string> Ports, bool Bare);

/// <summary>An end's written addresses; <see cref="AsScalar"/> writes a single one without list brackets.</summary>
internal sealed record EndAddresses(string End, ImmutableArray<string> Cidrs, bool AsScalar);

internal sealed record EndMac(string End, string Mac);

/// <summary>A link; written in the short form <c>[A, B]</c> unless <see cref="LongForm"/> or it carries settings.</summary>
internal sealed record LinkDraft(
    string A, string B, ImmutableArray<EndAddresses> Addresses, int? Mtu, ImmutableArray<EndMac> Macs, bool LongForm)
{
    public bool IsShort => !LongForm && Addresses.IsEmpty && Mtu is null && Macs.IsEmpty;

    public IEnumerable<string> Ends => [A, B];

    public bool HasAddress(string end) => Addresses.Any(a => a.End == end);
}

internal sealed record CheckDraft(string From, string To, string? Proto, string Expect, string? Timeout);

using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// What the kernel holds in some namespaces, as a person reading <c>ip -d link</c>, <c>ip addr</c>
/// and <c>ip route</c> sees it, with every veth's other end already worked out. <c>inspect</c>
/// prints it; <c>export</c> turns it back into a lab file. Namespaces are keyed as resources
/// key them (<see cref="Netns.Host"/> for the root).
/// </summary>
public sealed record KernelView(ImmutableArray<NamespaceView> Namespaces)
{
    /// <summary>The lab table's rules of every namespace, each with its namespace.</summary>
    public IEnumerable<(NamespaceView Ns, NftRule Rule)> NatRules => Namespaces.SelectMany(n => n.NatRules.Select(r => (n, r)));

    public NamespaceView? Find(string ns) => Namespaces.FirstOrDefault(n => n.Name == ns);
}

/// <summary>
/// One namespace: its interfaces (loopback left out), the routes that the kernel did not add
/// itself, its forwarding sysctls (the ones that make a namespace a router), and the rules of the
/// lab's nftables table there (read only when a lab is named).
/// </summary>
/// <param name="Owner">The lab whose mark the namespace's loopback carries, or null.</param>
public sealed record NamespaceView(string Name, string? Owner, ImmutableArray<InterfaceView> Interfaces, ImmutableArray<RouteView> Routes)
{
    public ImmutableSortedDictionary<string, string> Sysctls { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    public ImmutableArray<NftRule> NatRules { get; init; } = [];

    /// <summary>The rules of nftables tables no lab made (read only for namespaces built by hand, no lab named).</summary>
    public ImmutableArray<HandMadeNftRule> HandMadeRules { get; init; } = [];

    /// <summary>Whether the namespace holds the lab's nftables table (read only when a lab is named), rules or none.</summary>
    public bool HoldsLabTable { get; init; }

    public string Display => Netns.Display(Name);

    public InterfaceView? Find(string name) => Interfaces.FirstOrDefault(i => i.Name == name);
}

/// <summary>
/// One interface. <see cref="Peer"/> is a veth's other end or a macvlan's parent, wherever it lives (the
/// answer to <c>eth0@if8</c>); null when it is neither or that link is in a namespace that was not read.
/// <see cref="Addresses"/> are CIDRs with the host bits kept, IPv6 link-local left out.
/// </summary>
public sealed record InterfaceView(
    int Index,
    string Name,
    string Kind,
    PeerView? Peer,
    string? Master,
    string? Mac,
    int Mtu,
    bool Up,
    string? Alias,
    ImmutableArray<string> Addresses)
{
    public string? Owner => Ownership.LabOf(Alias);

    /// <summary>The other end's index as the kernel reports it (the N of <c>eth0@ifN</c>), also when <see cref="Peer"/> could not be worked out.</summary>
    public int? LinkIndex { get; init; }

    /// <summary>A macvlan's mode (<c>bridge</c>, <c>vepa</c>, ...); null for any other kind.</summary>
    public string? MacvlanMode { get; init; }
}

/// <summary>A veth's other end: its namespace (resource key), name and index there.</summary>
public sealed record PeerView(string Namespace, string Name, int Index)
{
    public string Display => $"{Netns.Display(Namespace)}:{Name}";
}

/// <summary>
/// A rule of an nftables table made by hand: its table (<c>ip nat</c>), its text as nft lists it, and, for a
/// masquerade of traffic from one source network, that network, which a lab file says as its bridge's
/// <c>masquerade: true</c>.
/// </summary>
public sealed record HandMadeNftRule(string Table, string Text, string? MasqueradedSubnet);

/// <summary>A route: <c>default</c> or a CIDR, through a gateway and/or a device.</summary>
public sealed record RouteView(string To, string? Via, string? Dev)
{
    public string Text => To + (Via is null ? "" : $" via {Via}") + (Dev is null ? "" : $" dev {Dev}");
}

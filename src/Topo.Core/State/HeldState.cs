using System.Collections.Immutable;
using Topo.Core.Kinds;

namespace Topo.Core.State;

/// <summary>One interface of a state read from the kernel: the resource it is part of, and its end (with <see cref="LinkEnd.Kernel"/>).</summary>
public sealed record HeldInterface(Resource Of, LinkEnd End)
{
    public InterfaceFacts Facts => End.Kernel!;

    public string Name => End.Name;

    public string Kind => Facts.Kind;
}

/// <summary>
/// A state read from the kernel, looked at namespace by namespace as <c>inspect</c> and <c>export</c> show
/// it: interfaces in the kernel's index order, each with its addresses in the order the kernel lists them;
/// routes, sysctls and the lab's nftables table of each namespace. Lookups only: the state is the model.
/// </summary>
public sealed class HeldState
{
    private readonly Dictionary<Netns, List<HeldInterface>> _interfaces = [];
    private readonly Dictionary<(Netns Ns, string Name), HeldInterface> _byName = [];
    private readonly ILookup<(Netns Ns, string Device), string> _addresses;
    private readonly ILookup<Netns, RouteResource> _routes;
    private readonly ILookup<Netns, SysctlResource> _sysctls;
    private readonly ILookup<Netns, NftTableResource> _tables;
    private readonly Dictionary<Netns, string?> _owners;

    public HeldState(LabState state)
    {
        State = state;
        foreach (var ns in state.Namespaces) _interfaces[ns] = [];
        foreach (var r in state.Resources)
        {
            foreach (var end in r.Interfaces.Where(e => e.Kernel is not null && _interfaces.ContainsKey(e.Namespace)))
            {
                var held = new HeldInterface(r, end);
                if (_byName.TryAdd((end.Namespace, end.Name), held)) _interfaces[end.Namespace].Add(held);
            }
        }

        foreach (var ns in _interfaces.Keys.ToList()) _interfaces[ns] = [.. _interfaces[ns].OrderBy(i => i.Facts.Index)];
        _addresses = state.Resources.OfType<AddressResource>().ToLookup(a => (a.Ns, a.Device), a => a.Cidr);
        _routes = state.Resources.OfType<RouteResource>().ToLookup(r => r.Ns);
        _sysctls = state.Resources.OfType<SysctlResource>().ToLookup(r => r.Ns);
        _tables = state.Resources.OfType<NftTableResource>().ToLookup(r => r.Ns);
        _owners = state.Resources.OfType<NamespaceResource>().DistinctBy(n => n.Name).ToDictionary(n => Netns.Of(n.Name), n => n.Owner);
    }

    public LabState State { get; }

    public ImmutableArray<Netns> Namespaces => State.Namespaces;

    public bool Holds(Netns ns) => _interfaces.ContainsKey(ns);

    public IReadOnlyList<HeldInterface> Interfaces(Netns ns) => _interfaces.TryGetValue(ns, out var list) ? list : [];

    public HeldInterface? Find(Netns ns, string name) => _byName.GetValueOrDefault((ns, name));

    public HeldInterface? Find(InterfacePeer? peer) => peer is null ? null : Find(peer.Namespace, peer.Name);

    public ImmutableArray<string> Addresses(HeldInterface i) => [.. _addresses[(i.End.Namespace, i.Name)]];

    public IEnumerable<RouteResource> Routes(Netns ns) => _routes[ns];

    public ImmutableSortedDictionary<string, string> Sysctls(Netns ns) =>
        _sysctls[ns].ToImmutableSortedDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);

    /// <summary>The lab's nftables table in the namespace, where it was read.</summary>
    public NftTableResource? Table(Netns ns) => _tables[ns].FirstOrDefault();

    /// <summary>The lab whose mark a named namespace's loopback carries, or null.</summary>
    public string? Owner(Netns ns) => _owners.GetValueOrDefault(ns);

    /// <summary>The lab table's rules of every namespace, each with its namespace.</summary>
    public IEnumerable<(Netns Ns, NftRule Rule)> NatRules =>
        Namespaces.SelectMany(ns => Table(ns)?.Rules.Select(r => (ns, r)) ?? []);
}

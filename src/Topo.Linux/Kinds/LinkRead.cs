using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>
/// One interface as read, with what its kind's driver needs to make a resource of it: its namespace's
/// snapshot, the interface as an end, the lab its alias names, the namespaces' owners, and where the
/// other end of a veth (or a macvlan's parent) is.
/// </summary>
internal sealed record LinkRead(
    NamespaceSnapshot Snapshot,
    LinkInfo Link,
    LinkEnd End,
    string? Owner,
    IReadOnlyDictionary<Netns, NamespaceSnapshot> Snapshots,
    IReadOnlyDictionary<Netns, string?> NamespaceOwners,
    IReadOnlyDictionary<(Netns Ns, int Index), (Netns Ns, int Index)> Peers)
{
    /// <summary>The lab whose mark the interface's namespace carries (a named one only), or null.</summary>
    public string? NamespaceOwner => NamespaceOwners[Snapshot.Key];

    /// <summary>The interface the kernel links this one to (a veth's peer, a macvlan's parent), where it was read.</summary>
    public (NamespaceSnapshot Snapshot, LinkInfo Link)? Other => OtherOf(Snapshots, Peers, Snapshot, Link);

    /// <summary>A stacked device's parent (the interface its IFLA_LINK names), where that namespace was read.</summary>
    public ResourceKey? ParentKey => Other is { } p ? new ResourceKey(ResourceKind.Link, p.Snapshot.Key, p.Link.Name) : null;

    public static (NamespaceSnapshot Snapshot, LinkInfo Link)? OtherOf(
        IReadOnlyDictionary<Netns, NamespaceSnapshot> snapshots,
        IReadOnlyDictionary<(Netns Ns, int Index), (Netns Ns, int Index)> peers,
        NamespaceSnapshot snapshot,
        LinkInfo link) =>
        peers.TryGetValue((snapshot.Key, link.Index), out var p) && snapshots[p.Ns].ByIndex(p.Index) is { } other ? (snapshots[p.Ns], other) : null;

    /// <summary>The interface as an end, with what the kernel reports beyond its settings; <paramref name="other"/> is the interface it links to, where that was read.</summary>
    public static LinkEnd EndOf(NamespaceSnapshot snapshot, LinkInfo link, (NamespaceSnapshot Snapshot, LinkInfo Link)? other) =>
        new(snapshot.Key, link.Name, link.MasterIndex is { } m ? snapshot.ByIndex(m)?.Name : null, link.Mtu, link.Mac, link.Up, link.Hairpin)
        {
            Kernel = new InterfaceFacts(link.Index, link.Kind ?? "device", link.Alias)
            {
                LinkIndex = link.Kind is "veth" or "macvlan" ? link.PeerIndex : null,
                Peer = other is { } o ? new InterfacePeer(o.Snapshot.Key, o.Link.Name, o.Link.Index) : null,
            },
        };
}

/// <summary>A driver that reads back the interfaces of one kind (<c>IFLA_INFO_KIND</c>).</summary>
internal interface ILinkKindReader
{
    /// <summary>The kind as the kernel names it: <c>bridge</c>, <c>veth</c>, <c>macvlan</c>.</summary>
    string LinkKind { get; }

    /// <summary>The resource the interface is, or null when it cannot be told whole (a veth whose peer was not read).</summary>
    Resource? Read(LinkRead read);
}

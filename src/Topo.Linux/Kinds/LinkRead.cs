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
    IReadOnlyDictionary<string, NamespaceSnapshot> Snapshots,
    IReadOnlyDictionary<string, string?> NamespaceOwners,
    IReadOnlyDictionary<(string Ns, int Index), (string Ns, int Index)> Peers)
{
    /// <summary>The lab whose mark the interface's namespace carries (a named one only), or null.</summary>
    public string? NamespaceOwner => NamespaceOwners[Snapshot.Key];

    /// <summary>The interface the kernel links this one to (a veth's peer, a macvlan's parent), where it was read.</summary>
    public (NamespaceSnapshot Snapshot, LinkInfo Link)? Other =>
        Peers.TryGetValue((Snapshot.Key, Link.Index), out var p) && Snapshots[p.Ns].ByIndex(p.Index) is { } other ? (Snapshots[p.Ns], other) : null;

    public static LinkEnd EndOf(NamespaceSnapshot snapshot, LinkInfo link) =>
        new(snapshot.Key, link.Name, link.MasterIndex is { } m ? snapshot.ByIndex(m)?.Name : null, link.Mtu, link.Mac, link.Up, link.Hairpin);
}

/// <summary>A driver that reads back the interfaces of one kind (<c>IFLA_INFO_KIND</c>).</summary>
internal interface ILinkKindReader
{
    /// <summary>The kind as the kernel names it: <c>bridge</c>, <c>veth</c>, <c>macvlan</c>.</summary>
    string LinkKind { get; }

    /// <summary>The resource the interface is, or null when it cannot be told whole (a veth whose peer was not read).</summary>
    Resource? Read(LinkRead read);
}

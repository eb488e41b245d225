using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>What one namespace holds, as read in one dump each of links, addresses and routes (and FDB entries where a VXLAN device is).</summary>
/// <param name="Key">The namespace as resources name it: <see cref="Netns.Host"/> for the host.</param>
public sealed record NamespaceSnapshot(
    Netns Key,
    IReadOnlyList<LinkInfo> Links,
    IReadOnlyList<AddressInfo> Addresses,
    IReadOnlyList<RouteInfo> Routes)
{
    /// <summary>Its forwarding-database entries (AF_BRIDGE), read only where a VXLAN device is: empty elsewhere.</summary>
    public IReadOnlyList<FdbEntry> Fdb { get; init; } = [];

    /// <summary>Its qdiscs (every interface's, the kernel's defaults among them), read where the namespace is read whole.</summary>
    public IReadOnlyList<QdiscInfo> Qdiscs { get; init; } = [];

    /// <summary>The lab whose mark the namespace's loopback carries (a named namespace is the lab's by it), or null.</summary>
    public string? MarkedBy => MarkOf(Links);

    /// <summary>As <see cref="MarkedBy"/>, from a namespace's links before its snapshot is made.</summary>
    public static string? MarkOf(IEnumerable<LinkInfo> links) => Ownership.LabOf(links.FirstOrDefault(l => l.Name == "lo")?.Alias);

    private Dictionary<int, LinkInfo>? _byIndex;

    // Built on first use: resolving a star lab's veth peers looks up every end in the host's hundreds of links.
    public LinkInfo? ByIndex(int index) =>
        (_byIndex ??= Links.GroupBy(l => l.Index).ToDictionary(g => g.Key, g => g.First())).GetValueOrDefault(index);
}

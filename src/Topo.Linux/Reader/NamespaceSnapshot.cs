using Topo.Linux.Rtnl;

namespace Topo.Linux.Reader;

/// <summary>What one namespace holds, as read in one dump each of links, addresses and routes.</summary>
/// <param name="Key">The namespace as resources name it: <c>""</c> for the host.</param>
public sealed record NamespaceSnapshot(
    string Key,
    IReadOnlyList<LinkInfo> Links,
    IReadOnlyList<AddressInfo> Addresses,
    IReadOnlyList<RouteInfo> Routes)
{
    public LinkInfo? Loopback => Links.FirstOrDefault(l => l.Name == "lo");

    private Dictionary<int, LinkInfo>? _byIndex;

    // Built on first use: resolving a star lab's veth peers looks up every end in the host's hundreds of links.
    public LinkInfo? ByIndex(int index) =>
        (_byIndex ??= Links.GroupBy(l => l.Index).ToDictionary(g => g.Key, g => g.First())).GetValueOrDefault(index);
}

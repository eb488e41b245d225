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

    public LinkInfo? ByIndex(int index) => Links.FirstOrDefault(l => l.Index == index);
}

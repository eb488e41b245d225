using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// Cuts the host down to what belongs with the namespaces shown: the veth ends whose other end is
/// in one of them, the bridges those ends are enslaved to, what carries the lab's mark, and the
/// routes and addresses of these. The machine's own interfaces (its uplink, docker0 of a real
/// Docker) are none of a lab's business.
/// </summary>
public static class HostFocus
{
    public static LabState Apply(LabState state, string? lab)
    {
        if (!state.Namespaces.Contains(Netns.Host)) return state;
        var host = new HeldState(state).Interfaces(Netns.Host);
        var kept = host
            .Where(i => i.Facts.Peer is { Namespace.IsHost: false } || (lab is not null && i.Facts.Owner == lab))
            .Select(i => i.Name)
            .ToHashSet(StringComparer.Ordinal);
        kept.UnionWith(host.Where(i => kept.Contains(i.Name) && i.End.Master is not null).Select(i => i.End.Master!).ToList());
        return state with { Resources = [.. state.Resources.Where(r => !r.Namespace.IsHost || Kept(r, kept))] };
    }

    // Not a namespace's: a host sysctl or nftables table stays; an interface, its addresses and routes go with it.
    private static bool Kept(Resource r, HashSet<string> kept) => r switch
    {
        AddressResource a => kept.Contains(a.Device),
        RouteResource route => route.Device is not null && kept.Contains(route.Device),
        _ when r.Interfaces.Any() => r.Interfaces.Any(i => i.Namespace.IsHost && kept.Contains(i.Name)),
        _ => true,
    };
}

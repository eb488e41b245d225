using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Export;

/// <summary>
/// Cuts the host down to what belongs with the namespaces shown: the veth ends whose other end is
/// in one of them, the bridges those ends are enslaved to, what carries the lab's mark, and the
/// routes through any of these. The machine's own interfaces (its uplink, docker0 of a real
/// Docker) are none of a lab's business.
/// </summary>
public static class HostFocus
{
    public static KernelView Apply(KernelView view, string? lab)
    {
        if (view.Find(Netns.Host) is not { } host) return view;
        var kept = host.Interfaces
            .Where(i => i.Peer is { Namespace.Length: > 0 } || (lab is not null && i.Owner == lab))
            .Select(i => i.Name)
            .ToHashSet(StringComparer.Ordinal);
        kept.UnionWith(host.Interfaces.Where(i => kept.Contains(i.Name) && i.Master is not null).Select(i => i.Master!).ToList());

        var focused = host with
        {
            Interfaces = [.. host.Interfaces.Where(i => kept.Contains(i.Name))],
            Routes = [.. host.Routes.Where(r => r.Dev is not null && kept.Contains(r.Dev))],
        };
        return view with { Namespaces = [.. view.Namespaces.Select(n => n.Name == Netns.Host ? focused : n)] };
    }
}

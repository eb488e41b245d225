using System.Collections.Immutable;
using System.Net.Sockets;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>
/// Routes of the main table, made with topo's protocol as their mark. Made and changed by replacing: a route
/// the kernel made for a subnet (not compared) must not make a creation fail.
/// </summary>
internal sealed class RouteDriver : KindDriver<RouteResource>
{
    public override StepRun RunOf(ChangeAction action) => action is ChangeAction.Create or ChangeAction.Update ? StepRun.Settings : StepRun.Alone;

    public override (Netns Ns, Action<RtnlBatch> Build) Queue(Change step)
    {
        var r = (RouteResource)step.After!;
        return (r.Ns, b => b.ReplaceRoute(Spec(r)));
    }

    protected override void Create(RouteResource r, KindContext x) => x.Pool.In(r.Ns).Client.Apply(b => b.ReplaceRoute(Spec(r)));

    protected override void Update(RouteResource r, ImmutableArray<AttrChange> changes, KindContext x) => Create(r, x);

    // Outside the lab's namespaces a route of the same destination made by hand may sit beside the lab's.
    protected override void Delete(RouteResource r, KindContext x) =>
        x.Pool.In(r.Ns).Client.Apply(b => b.DeleteRoute(Spec(r) with { MarkedOnly = !r.Ns.IsNamed }));

    private static RouteSpec Spec(RouteResource route) => new(route.To, route.Via, route.Device);

    /// <summary>
    /// The routes people make, not the kernel (<c>proto kernel</c>, other tables). Everything in a lab's
    /// namespace is the lab's. The host's table is the machine's: there a route is the lab's only if topo
    /// made it (its protocol) through an interface of the lab.
    /// </summary>
    public static IEnumerable<RouteResource> Read(NamespaceSnapshot snapshot, string? namespaceOwner)
    {
        foreach (var route in snapshot.Routes.Where(r => r.IsUserRoute))
        {
            var device = route.OutputIndex is { } oif ? snapshot.ByIndex(oif) : null;
            var owner = namespaceOwner ?? (route.Protocol == Rta.ProtoTopo ? Ownership.LabOf(device?.Alias) : null);
            yield return new RouteResource(snapshot.Key, Destination(route), route.Gateway?.ToString(), device?.Name) { Owner = owner };
        }
    }

    // Both families have a default route; IPv6's is keyed by its prefix so the two do not collide.
    private static string Destination(RouteInfo route) =>
        route.Destination.Length == 0 && route.Destination.Family == AddressFamily.InterNetworkV6 ? "::/0" : route.To;
}

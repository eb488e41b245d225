using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Planning;

/// <summary>The identities a resource occupies in the kernel, and the ones it cannot outlive.</summary>
internal static class ResourceClaims
{
    /// <summary>Its key and its extra claims: both ends of a veth pair are names the kernel will not give twice.</summary>
    public static IEnumerable<ResourceKey> AllKeys(this Resource resource) => [resource.Key, .. resource.ExtraClaims];

    /// <summary>
    /// The objects whose destruction takes this one with it in the kernel: what it depends on,
    /// and the namespace it lives in, except that an interface outlives the bridge it is
    /// enslaved to (it is only released), while a macvlan goes with its parent. A route goes with its device; an IPv4
    /// route also with the interface holding its gateway's subnet, so with that address, and with the last IPv4 address
    /// on its device (<see cref="AddressResource.FootingOf"/>). An IPv6 route goes with no address: the kernel keeps it
    /// when its gateway's subnet leaves the interface. A hosts file is no kernel object and goes with nothing.
    /// </summary>
    public static IEnumerable<ResourceKey> Carriers(this Resource resource)
    {
        var isLink = resource.Key.Kind == ResourceKind.Link;
        var v6Gateway = resource is RouteResource { IsV6: true } v6 ? v6.GatewayAddress : null;
        foreach (var dependency in resource.Dependencies)
        {
            if (!(isLink && dependency.Kind == ResourceKind.Link) && dependency != v6Gateway) yield return dependency;
        }

        foreach (var lower in resource.StackedOn) yield return lower;

        if (resource is RouteResource { IsV6: false, Device: { } device } route) yield return AddressResource.FootingOf(route.Ns, device);

        // A hosts file is a file under /etc/netns, which a namespace's deletion leaves.
        if (resource is not (NamespaceResource or HostsFileResource) && !resource.Key.Namespace.IsHost)
        {
            yield return ResourceKey.OfNamespace(resource.Key.Namespace);
        }
    }
}

using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Planning;

/// <summary>The identities a resource occupies in the kernel, and the ones it cannot outlive.</summary>
internal static class ResourceClaims
{
    /// <summary>Its key and its extra claims: both ends of a veth pair are names the kernel will not give twice.</summary>
    public static IEnumerable<ResourceKey> AllKeys(this Resource resource) => [resource.Key, .. resource.ExtraClaims];

    /// <summary>What goes when the object goes: its identities, and for an address the footing of its family's routes out of its interface.</summary>
    public static IEnumerable<ResourceKey> Losses(this Resource resource) =>
        resource is AddressResource a ? [.. resource.AllKeys(), a.Footing] : resource.AllKeys();

    /// <summary>
    /// The objects whose destruction takes this one with it in the kernel: what it depends on,
    /// and the namespace it lives in, except that an interface outlives the bridge it is
    /// enslaved to (it is only released), while a macvlan goes with its parent. A route goes with its device and with the
    /// interface holding its gateway's subnet, so with that address too; and with an address of its family on its
    /// device, as the kernel may take it with the last one (replacing a route still there is harmless). A hosts file
    /// is no kernel object and goes with nothing.
    /// </summary>
    public static IEnumerable<ResourceKey> Carriers(this Resource resource)
    {
        var isLink = resource.Key.Kind == ResourceKind.Link;
        foreach (var dependency in resource.Dependencies)
        {
            if (!(isLink && dependency.Kind == ResourceKind.Link)) yield return dependency;
        }

        foreach (var lower in resource.StackedOn) yield return lower;

        if (resource is RouteResource { Device: { } device } route) yield return AddressResource.FootingOf(route.Ns, device, route.IsV6);

        // A hosts file is a file under /etc/netns, which a namespace's deletion leaves.
        if (resource is not (NamespaceResource or HostsFileResource) && !resource.Key.Namespace.IsHost)
        {
            yield return ResourceKey.OfNamespace(resource.Key.Namespace);
        }
    }
}

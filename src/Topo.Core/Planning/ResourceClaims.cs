using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>The identities a resource occupies in the kernel, and the ones it cannot outlive.</summary>
internal static class ResourceClaims
{
    /// <summary>Its key and its extra claims: both ends of a veth pair are names the kernel will not give twice.</summary>
    public static IEnumerable<ResourceKey> AllKeys(this Resource resource) => [resource.Key, .. resource.ExtraClaims];

    /// <summary>
    /// The objects whose destruction takes this one with it in the kernel: what it depends on,
    /// and the namespace it lives in, except that an interface outlives the bridge it is
    /// enslaved to (it is only released), while a macvlan goes with its parent. A route goes with its device and with the
    /// interface holding its gateway's subnet, so with that address too.
    /// </summary>
    public static IEnumerable<ResourceKey> Carriers(this Resource resource)
    {
        var isLink = resource.Key.Kind == ResourceKind.Link;
        foreach (var dependency in resource.Dependencies)
        {
            if (!(isLink && dependency.Kind == ResourceKind.Link)) yield return dependency;
        }

        foreach (var lower in resource.StackedOn) yield return lower;

        if (resource is not NamespaceResource && resource.Key.Namespace.Length != 0)
        {
            yield return new ResourceKey(ResourceKind.Namespace, Netns.Host, resource.Key.Namespace);
        }
    }
}

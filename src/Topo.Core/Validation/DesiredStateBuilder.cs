using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Validation;

/// <summary>
/// The lab's desired state in a stable order: namespaces, devices, addresses, routes, sysctls,
/// nftables tables, each group in file order. Every resource carries the lab as its owner.
/// </summary>
internal static class DesiredStateBuilder
{
    public static LabState Build(
        string lab,
        LabNames names,
        ImmutableArray<Resource> devices,
        AddressPlan addresses,
        ImmutableArray<RouteResource> routes,
        ImmutableArray<SysctlResource> sysctls,
        ImmutableArray<NftTableResource> tables)
    {
        IEnumerable<Resource> all =
        [
            .. names.Nodes.Where(names.OwnsNamespace).Select(n => new NamespaceResource(n.Name.Value)),
            .. devices,
            .. addresses.All.Select(a => a.Resource),
            .. routes,
            .. sysctls,
            .. tables,
        ];
        return new LabState(lab, [.. all.Select(r => r with { Owner = lab })]) { Shared = names.Shared };
    }
}

using System.Collections.Frozen;
using Topo.Core.State;

namespace Topo.Linux.Kinds;

/// <summary>Every kind's driver, by the type of its resource record, and the link kinds' by the kernel's name for them.</summary>
internal static class KindDrivers
{
    private static readonly KindDriver[] Drivers =
    [
        new NamespaceDriver(),
        new BridgeDriver(),
        new VethDriver(),
        new MacvlanDriver(),
        new IpvlanDriver(),
        new VlanDriver(),
        new DummyDriver(),
        new OtherLinkDriver(),
        new ExternalLinkDriver(),
        new AddressDriver(),
        new FdbDriver(),
        new BridgePortDriver(),
        new RouteDriver(),
        new SysctlDriver(),
        new NftTableDriver(),
        new VxlanDriver(),
        new HostsFileDriver(),
        new QdiscDriver(),
    ];

    private static readonly FrozenDictionary<Type, KindDriver> ByType = Drivers.ToFrozenDictionary(d => d.ResourceType);

    private static readonly FrozenDictionary<string, ILinkKindReader> ByLinkKind =
        Drivers.OfType<ILinkKindReader>().ToFrozenDictionary(r => r.LinkKind, StringComparer.Ordinal);

    public static IEnumerable<KindDriver> All => Drivers;

    /// <exception cref="KeyNotFoundException">A kind without a driver (a test guards against it).</exception>
    public static KindDriver For(Resource resource) => ByType[resource.GetType()];

    /// <summary>The reader of interfaces of <paramref name="linkKind"/>, or null for a kind topo does not make.</summary>
    public static ILinkKindReader? ForLink(string? linkKind) => linkKind is null ? null : ByLinkKind.GetValueOrDefault(linkKind);
}

using System.Collections.Frozen;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>Every kind's text part, by the type of its resource record.</summary>
public static class KindTexts
{
    private static readonly FrozenDictionary<Type, KindText> ByType = new KindText[]
    {
        new NamespaceText(),
        new BridgeText(),
        new VethText(),
        new MacvlanText(),
        new IpvlanText(),
        new VlanText(),
        new DummyText(),
        new OtherLinkText(),
        new ExternalLinkText(),
        new AddressText(),
        new FdbText(),
        new BridgePortText(),
        new RouteText(),
        new SysctlText(),
        new NftTableText(),
        new VxlanText(),
        new HostsFileText(),
        new QdiscText(),
    }.ToFrozenDictionary(t => t.ResourceType);

    public static IEnumerable<KindText> All => ByType.Values;

    /// <exception cref="KeyNotFoundException">A kind without a text part (a test guards against it).</exception>
    public static KindText For(Resource resource) => ByType[resource.GetType()];
}

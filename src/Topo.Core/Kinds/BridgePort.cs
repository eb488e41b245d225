using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// An interface of the machine that the lab does not make, enslaved to one of its bridges
/// (<c>bridges.NAME.ports: [host:eth1]</c>, VMware's "bridged" networking). The lab owns the enslavement only:
/// it is the lab's while the interface's master is the lab's bridge, <c>down</c> releases it, and the interface is
/// never made, changed otherwise or deleted. An interface that is not there is waited for (<see cref="Resource.WaitsFor"/>):
/// drift, not an error that stops the lab.
/// </summary>
public sealed record BridgePortResource(Netns Ns, string Interface, string Bridge) : Resource
{
    public override ResourceKey Key => new(ResourceKind.BridgePort, Ns, Interface);

    public override IEnumerable<ResourceKey> Dependencies => [new(ResourceKind.Link, Ns, Bridge)];

    public override IEnumerable<Attr> Attributes => [new("master", Bridge, AttrUpdate.InPlace)];

    public override ResourceKey? WaitsFor => new(ResourceKind.Link, Ns, Interface);

    public override string Describe(NamespaceNames names) => $"port {names.Of(Ns)}:{Interface} of bridge {Bridge}";
}

/// <summary>An existing interface put in a bridge and let go again by hand; the picture shows it through the bridge's box.</summary>
internal sealed class BridgePortText : KindText<BridgePortResource>
{
    private protected override IEnumerable<string> Create(BridgePortResource p, ExplainContext x) => [Master(p, $"master {ShellWords.Quote(p.Bridge)}")];

    private protected override IEnumerable<string> Update(BridgePortResource p, ImmutableArray<AttrChange> changes, ExplainContext x) => Create(p, x);

    private protected override IEnumerable<string> Delete(BridgePortResource p, ExplainContext x) => [Master(p, "nomaster")];

    private static string Master(BridgePortResource p, string how) => $"{Where.Ip(p.Ns)} link set {ShellWords.Quote(p.Interface)} {how}";
}

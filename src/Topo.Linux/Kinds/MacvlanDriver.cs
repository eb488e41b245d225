using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>Macvlans, in their mode (bridge unless the file says).</summary>
internal sealed class MacvlanDriver : StackedDriver<MacvlanResource>
{
    public override string LinkKind => "macvlan";

    protected override void Make(RtnlBatch batch, MacvlanResource macvlan, string parent, NetnsHandle? target, LinkOptions options) =>
        batch.CreateMacvlan(macvlan.Device.Name, parent, target, MacvlanModes.ValueOf(macvlan.Mode ?? MacvlanResource.BridgeMode), options);

    protected override MacvlanResource Of(LinkRead read, ResourceKey? parent) => new(read.End, parent, read.Link.MacvlanMode);
}

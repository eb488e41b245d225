using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>802.1Q vlans, with their id.</summary>
internal sealed class VlanDriver : StackedDriver<VlanResource>
{
    public override string LinkKind => "vlan";

    protected override void Make(RtnlBatch batch, VlanResource vlan, string parent, NetnsHandle? target, LinkOptions options) =>
        batch.CreateVlan(vlan.Device.Name, parent, target, new VlanInfo((ushort)vlan.Id), options);

    protected override VlanResource Of(LinkRead read, ResourceKey? parent) => new(read.End, parent, read.Link.Vlan?.Id ?? 0);
}

using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>ipvlans, in their mode (l2 unless the file says).</summary>
internal sealed class IpvlanDriver : StackedDriver<IpvlanResource>
{
    public override string LinkKind => "ipvlan";

    protected override void Make(RtnlBatch batch, IpvlanResource ipvlan, string parent, NetnsHandle? target, LinkOptions options) =>
        batch.CreateIpvlan(ipvlan.Device.Name, parent, target, IpvlanModes.ValueOf(ipvlan.Mode ?? IpvlanResource.DefaultMode), options);

    protected override IpvlanResource Of(LinkRead read, ResourceKey? parent) => new(read.End, parent, read.Link.IpvlanMode);
}

using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>ipvlans: made in their parent's namespace and placed straight in their own, as macvlans are.</summary>
internal sealed class IpvlanDriver : DeviceDriver<IpvlanResource>, ILinkKindReader
{
    public string LinkKind => "ipvlan";

    protected override void Create(IpvlanResource ipvlan, KindContext x)
    {
        var d = ipvlan.Device;
        var parent = ipvlan.Parent ?? throw new ArgumentException($"{ipvlan.Describe()} has no parent to make it on");
        var mode = IpvlanModes.ValueOf(ipvlan.Mode ?? IpvlanResource.DefaultMode);
        x.Links.MakeAndPlace(d, parent.Namespace, (b, target) => b.CreateIpvlan(d.Name, parent.Name, target, mode, new LinkOptions(d.Mtu, d.Mac)));
    }

    protected override LinkEnd DeviceOf(IpvlanResource ipvlan) => ipvlan.Device;

    public Resource? Read(LinkRead read)
    {
        var owner = read.Owner ?? read.NamespaceOwner;
        return new IpvlanResource(read.End, read.ParentKey, read.Link.IpvlanMode) { Owner = owner, Marked = read.Owner is not null || owner is null };
    }
}

using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>802.1Q vlans: made on their parent in its namespace and placed straight in their own.</summary>
internal sealed class VlanDriver : DeviceDriver<VlanResource>, ILinkKindReader
{
    public string LinkKind => "vlan";

    protected override void Create(VlanResource vlan, KindContext x)
    {
        var d = vlan.Device;
        var parent = vlan.Parent ?? throw new ArgumentException($"{vlan.Describe()} has no parent to make it on");
        x.Links.MakeAndPlace(d, parent.Namespace, (b, target) => b.CreateVlan(d.Name, parent.Name, target, new VlanInfo((ushort)vlan.Id), new LinkOptions(d.Mtu, d.Mac)));
    }

    protected override LinkEnd DeviceOf(VlanResource vlan) => vlan.Device;

    public Resource? Read(LinkRead read)
    {
        var owner = read.Owner ?? read.NamespaceOwner;
        return new VlanResource(read.End, read.ParentKey, read.Link.Vlan?.Id ?? 0) { Owner = owner, Marked = read.Owner is not null || owner is null };
    }
}

using Topo.Linux.Namespaces;

namespace Topo.Linux.Rtnl;

/// <summary>
/// The kinds of interface that are one request each with no peer: a dummy, an 802.1Q VLAN and an ipvlan. Each request
/// carries the attributes <c>ip link add</c> sends for the same device, so that the kernel reads them the same way.
/// </summary>
public sealed partial class RtnlBatch
{
    /// <summary>A dummy interface (no parent, no cable), placed straight in <paramref name="target"/> when that is given.</summary>
    public RtnlBatch CreateDummy(string name, NetnsHandle? target, LinkOptions? options = null) =>
        CreateLink("dummy", name, null, target, options, $"creating dummy '{name}' in {Here}" + For(target), null);

    /// <summary>
    /// A VLAN sub-interface of <paramref name="parent"/> (a name here), placed straight in <paramref name="target"/>
    /// when that is given. The protocol is always sent, though the kernel takes 802.1Q without one: the request says
    /// what it means.
    /// </summary>
    public RtnlBatch CreateVlan(string name, string parent, NetnsHandle? target, VlanInfo vlan, LinkOptions? options = null) =>
        CreateLink("vlan", name, parent, target, options, $"creating vlan '{name}' (id {vlan.Id}) on '{parent}' in {Here}" + For(target), () =>
        {
            BigEndianU16(Ifla.VlanProtocol, vlan.Protocol);
            U16(Ifla.VlanId, vlan.Id);
        });

    /// <summary>
    /// An ipvlan on <paramref name="parent"/> (a name here) in <paramref name="mode"/> (see <see cref="IpvlanModes"/>),
    /// placed straight in <paramref name="target"/> when that is given. Its flags are sent as ip sends them when given
    /// none: 0, bridge (the ipvlans of one parent talk to each other).
    /// </summary>
    public RtnlBatch CreateIpvlan(string name, string parent, NetnsHandle? target, ushort mode, LinkOptions? options = null) =>
        CreateLink("ipvlan", name, parent, target, options, $"creating ipvlan '{name}' ({IpvlanModes.NameOf(mode)}) on '{parent}' in {Here}" + For(target), () =>
        {
            U16(Ifla.IpvlanMode, mode);
            U16(Ifla.IpvlanFlags, IpvlanModes.BridgeFlags);
        });
}

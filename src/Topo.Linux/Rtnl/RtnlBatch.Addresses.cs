using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>Adding and deleting interface addresses.</summary>
public sealed partial class RtnlBatch
{
    public RtnlBatch AddAddress(string device, string cidr) =>
        Address(RtnlTypes.NewAddr, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, device, cidr, $"adding address {cidr} to '{device}' in {Here}");

    public RtnlBatch DeleteAddress(string device, string cidr) =>
        Address(RtnlTypes.DelAddr, 0, device, cidr, $"deleting address {cidr} from '{device}' in {Here}");

    private RtnlBatch Address(ushort type, ushort flags, string device, string cidr, string context)
    {
        var prefix = IpPrefix.Parse(cidr);
        var bytes = prefix.Address.GetAddressBytes();
        var broadcast = type == RtnlTypes.NewAddr ? prefix.Broadcast()?.GetAddressBytes() : null;
        return Queue(type, flags, context, [device], indexes =>
        {
            // Without NODAD an IPv6 address stays tentative for a second or two: a check right after apply would fail.
            var noDad = type == RtnlTypes.NewAddr && prefix.Family == System.Net.Sockets.AddressFamily.InterNetworkV6;
            W.Struct(new IfAddrMsg { Family = prefix.FamilyNumber, PrefixLength = (byte)prefix.Length, Flags = noDad ? Ifa.FlagNoDad : (byte)0, Index = indexes[0] });
            W.Attribute(Ifa.Local, bytes);
            W.Attribute(Ifa.Address, bytes);
            if (broadcast is not null) W.Attribute(Ifa.Broadcast, broadcast);
        });
    }
}

using System.Buffers.Binary;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>
/// Reading a vlan's and an ipvlan's IFLA_INFO_DATA back, from replies laid out as the kernel sends them (vlan_fill_info,
/// ipvlan_nl_fillinfo): this machine's kernel has neither kind, so these stand in for reading one it made.
/// </summary>
public sealed class KindInfoTests
{
    [Fact]
    public void A_vlans_id_and_big_endian_protocol_are_read_from_its_data()
    {
        var link = Reply("v0.10", "vlan", w =>
        {
            w.Attribute(Ifla.VlanId, [0x0a, 0x00]);
            w.Attribute(2, [1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]); // IFLA_VLAN_FLAGS: struct ifla_vlan_flags, REORDER_HDR
            w.Attribute(Ifla.VlanProtocol, [0x88, 0xa8]);
        });

        Assert.Equal(new VlanInfo(10, VlanInfo.Dot1Ad), link.Vlan);
        Assert.Equal("802.1ad", link.Vlan!.ProtocolName);
        Assert.Equal(3, link.PeerIndex);
        Assert.Null(link.IpvlanMode);
    }

    [Theory]
    [InlineData(0, "l2")]
    [InlineData(1, "l3")]
    [InlineData(2, "l3s")]
    public void An_ipvlans_mode_is_read_by_its_name(ushort mode, string name)
    {
        var link = Reply("iv0", "ipvlan", w =>
        {
            w.Attribute(Ifla.IpvlanMode, BitConverter.GetBytes(mode));
            w.Attribute(Ifla.IpvlanFlags, [0, 0]);
        });

        Assert.Equal(("ipvlan", name), (link.Kind, link.IpvlanMode));
        Assert.Null(link.Vlan);
    }

    [Fact]
    public void Another_kinds_data_is_not_read_as_a_vlans()
    {
        var link = Reply("mv0", "macvlan", w => w.U32(Ifla.MacvlanMode, MacvlanModes.Passthru));

        Assert.Equal(("passthru", null, null), (link.MacvlanMode, link.Vlan, link.IpvlanMode));
    }

    // An RTM_NEWLINK for the name whose IFLA_LINK is 3, with the kind's data inside IFLA_LINKINFO after the kind.
    private static LinkInfo Reply(string name, string kind, Action<NetlinkWriter> data)
    {
        var w = new NetlinkWriter();
        var start = w.BeginMessage(RtnlTypes.NewLink, 0, 1);
        w.Struct(new IfInfoMsg { Index = 4 });
        w.String(Ifla.IfName, name);
        w.U32(Ifla.Link, 3);
        var info = w.BeginNested(Ifla.LinkInfo);
        w.String(Ifla.InfoKind, kind);
        var nested = w.BeginNested(Ifla.InfoData);
        data(w);
        w.EndNested(nested);
        w.EndNested(info);
        w.EndMessage(start);
        Assert.Equal(w.Length, (int)BinaryPrimitives.ReadUInt32LittleEndian(w.Written));
        foreach (var message in NetlinkMessage.Read(w.Written)) return LinkInfo.Parse(message)!;
        throw new InvalidOperationException("no message written");
    }
}

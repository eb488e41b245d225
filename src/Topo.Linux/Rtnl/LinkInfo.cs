using System.Runtime.InteropServices;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// One interface as an RTM_NEWLINK reply describes it. <see cref="PeerIndex"/> is IFLA_LINK (a
/// veth's peer), in the namespace that <see cref="PeerNetnsId"/> names here (null: this one).
/// <see cref="Hairpin"/> is the hairpin mode of a bridge port (IFLA_INFO_SLAVE_DATA), null when the link is no bridge's port.
/// For a macvlan, IFLA_LINK is its parent rather than a peer, and <see cref="MacvlanMode"/> its mode's name.
/// <see cref="Group"/> is the link group (IFLA_GROUP, 0 unless someone set one). <see cref="Vxlan"/> is a vxlan's tunnel.
/// A vlan's and an ipvlan's IFLA_LINK is their parent too: <see cref="Vlan"/> is a vlan's id and protocol, <see cref="IpvlanMode"/> an ipvlan's mode's name.
/// </summary>
public sealed record LinkInfo(
    int Index,
    string Name,
    string? Kind,
    int? MasterIndex,
    int Mtu,
    string? Mac,
    bool Up,
    string? Alias,
    int? PeerIndex,
    int? PeerNetnsId,
    bool? Hairpin = null,
    string? MacvlanMode = null,
    uint Group = 0,
    VxlanInfo? Vxlan = null,
    VlanInfo? Vlan = null,
    string? IpvlanMode = null)
{
    public static LinkInfo? Parse(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewLink || message.Payload.Length < IfInfoMsg.Size) return null;
        var header = MemoryMarshal.Read<IfInfoMsg>(message.Payload);
        string? name = null, mac = null, alias = null;
        var kind = new KindData(null, null, null, null, null, null);
        int? master = null, peer = null, peerNetns = null;
        uint group = 0;
        var mtu = 0;
        foreach (var a in message.Attributes(IfInfoMsg.Size))
        {
            switch (a.Type)
            {
                case Ifla.IfName: name = a.String(); break;
                case Ifla.Mtu: mtu = (int)a.U32(); break;
                case Ifla.Master: master = a.I32() is > 0 and var m ? m : null; break;
                case Ifla.Address: mac = MacAddress.Format(a.Value); break;
                case Ifla.IfAlias: alias = a.String() is { Length: > 0 } s ? s : null; break;
                case Ifla.Link: peer = a.I32(); break;
                case Ifla.LinkNetnsId: peerNetns = a.I32(); break;
                case Ifla.Group: group = a.U32(); break;
                case Ifla.LinkInfo: kind = KindOf(a.Nested()); break;
            }
        }

        return name is null
            ? null
            : new LinkInfo(header.Index, name, kind.Kind, master, mtu, mac, (header.Flags & Ifla.FlagUp) != 0, alias, peer, peerNetns,
                kind.Hairpin, kind.MacvlanMode, group, kind.Vxlan, kind.Vlan, kind.IpvlanMode);
    }

    private static KindData KindOf(AttributeReader info)
    {
        string? kind = null, slaveKind = null;
        bool? hairpin = null;
        uint? mode = null;
        ushort? ipvlanMode = null;
        VxlanInfo? vxlan = null;
        VlanInfo? vlan = null;
        foreach (var a in info)
        {
            switch (a.Type)
            {
                case Ifla.InfoKind: kind = a.String(); break;
                case Ifla.InfoSlaveKind: slaveKind = a.String(); break;
                case Ifla.InfoSlaveData: hairpin = BridgePortMode(a.Nested()); break;
                // The kernel puts the kind first; another kind's data need not even be attributes.
                case Ifla.InfoData when kind == "macvlan": mode = U32Of(a.Nested(), Ifla.MacvlanMode); break;
                case Ifla.InfoData when kind == "vxlan": vxlan = VxlanInfo.Parse(a.Nested()); break;
                case Ifla.InfoData when kind == "vlan": vlan = VlanInfo.Parse(a.Nested()); break;
                case Ifla.InfoData when kind == "ipvlan": ipvlanMode = U16Of(a.Nested(), Ifla.IpvlanMode); break;
            }
        }

        // Slave data is the master's own: the port mode means hairpin only when the master is a bridge.
        return new KindData(kind, slaveKind == "bridge" ? hairpin ?? false : null, mode is { } m ? MacvlanModes.NameOf(m) : null, vxlan, vlan,
            ipvlanMode is { } i ? IpvlanModes.NameOf(i) : null);
    }

    private static ushort? U16Of(AttributeReader data, ushort type)
    {
        foreach (var a in data)
        {
            if (a.Type == type && a.Value.Length >= sizeof(ushort)) return System.Buffers.Binary.BinaryPrimitives.ReadUInt16LittleEndian(a.Value);
        }

        return null;
    }

    private static uint? U32Of(AttributeReader data, ushort type)
    {
        foreach (var a in data)
        {
            if (a.Type == type && a.Value.Length >= sizeof(uint)) return a.U32();
        }

        return null;
    }

    private static bool? BridgePortMode(AttributeReader data)
    {
        foreach (var a in data)
        {
            if (a.Type == Ifla.BrportMode) return a.U8() != 0;
        }

        return null;
    }

    private readonly record struct KindData(string? Kind, bool? Hairpin, string? MacvlanMode, VxlanInfo? Vxlan, VlanInfo? Vlan, string? IpvlanMode);
}

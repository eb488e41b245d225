namespace Topo.Linux.Rtnl;

/// <summary>Link attributes (linux/if_link.h, linux/veth.h; the kinds' own in linux/if_link.h) and interface flags (linux/if.h).</summary>
public static class Ifla
{
    public const ushort Address = 1;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort LinkInfo = 18;
    public const ushort IfAlias = 20;
    public const ushort Group = 27;
    public const ushort NetNsFd = 28;
    public const ushort ExtMask = 29;
    public const ushort LinkNetnsId = 37;

    // Inside IFLA_LINKINFO.
    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;
    public const ushort InfoSlaveKind = 4;
    public const ushort InfoSlaveData = 5;

    // Inside IFLA_INFO_SLAVE_DATA of a bridge port (linux/if_link.h).
    public const ushort BrportMode = 4;

    // Inside IFLA_INFO_DATA of a veth.
    public const ushort VethInfoPeer = 1;

    // Inside IFLA_INFO_DATA of a macvlan: IFLA_MACVLAN_MODE, a u32 from MacvlanModes.
    public const ushort MacvlanMode = 1;

    // Inside IFLA_INFO_DATA of a vlan (linux/if_link.h): the id (u16) and the protocol (big-endian u16, an EtherType).
    public const ushort VlanId = 1;
    public const ushort VlanProtocol = 5;

    // Inside IFLA_INFO_DATA of an ipvlan (linux/if_link.h): the mode and the flags (u16 each, see IpvlanModes).
    public const ushort IpvlanMode = 1;
    public const ushort IpvlanFlags = 2;

    // Inside IFLA_INFO_DATA of a vxlan (linux/if_link.h): the VNI (u32); the index of the interface it sends by (u32); the remote or group and the local
    // address, 4 bytes each for IPv4 (GROUP, LOCAL) or 16 for IPv6 (GROUP6, LOCAL6); the UDP port, big-endian u16.
    public const ushort VxlanId = 1;
    public const ushort VxlanGroup = 2;
    public const ushort VxlanLink = 3;
    public const ushort VxlanLocal = 4;
    public const ushort VxlanPort = 15;
    public const ushort VxlanGroup6 = 16;
    public const ushort VxlanLocal6 = 17;

    public const uint FlagUp = 0x1;

    // IFLA_EXT_MASK bits (linux/rtnetlink.h).
    public const uint FilterSkipStats = 1 << 3;
}

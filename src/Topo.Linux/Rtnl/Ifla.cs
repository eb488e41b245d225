namespace Topo.Linux.Rtnl;

/// <summary>Link attributes (linux/if_link.h, linux/veth.h) and interface flags (linux/if.h).</summary>
public static class Ifla
{
    public const ushort Address = 1;
    public const ushort IfName = 3;
    public const ushort Mtu = 4;
    public const ushort Link = 5;
    public const ushort Master = 10;
    public const ushort OperState = 16;
    public const ushort LinkInfo = 18;
    public const ushort IfAlias = 20;
    public const ushort NetNsFd = 28;
    public const ushort LinkNetnsId = 37;

    // Inside IFLA_LINKINFO.
    public const ushort InfoKind = 1;
    public const ushort InfoData = 2;

    // Inside IFLA_INFO_DATA of a veth.
    public const ushort VethInfoPeer = 1;

    public const uint FlagUp = 0x1;
}

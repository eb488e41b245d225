namespace Topo.Linux.Rtnl;

/// <summary>Address attributes (linux/if_addr.h).</summary>
public static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Broadcast = 4;

    /// <summary>IFA_F_NODAD in ifa_flags: no duplicate address detection, so an IPv6 address is usable at once (Docker sets it too).</summary>
    public const byte FlagNoDad = 0x02;
}

namespace Topo.Linux.Rtnl;

/// <summary>Address attributes (linux/if_addr.h).</summary>
public static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Broadcast = 4;
}

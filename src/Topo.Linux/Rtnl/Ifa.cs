namespace Topo.Linux.Rtnl;

/// <summary>Address attributes and scopes (linux/if_addr.h, linux/rtnetlink.h).</summary>
public static class Ifa
{
    public const ushort Address = 1;
    public const ushort Local = 2;
    public const ushort Broadcast = 4;

    public const byte ScopeUniverse = 0;
    public const byte ScopeLink = 253;
    public const byte ScopeHost = 254;
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Rtnl;

/// <summary>Route attributes and the values of rtmsg's fields (linux/rtnetlink.h).</summary>
public static class Rta
{
    public const ushort Dst = 1;
    public const ushort Oif = 4;
    public const ushort Gateway = 5;
    public const ushort Table = 15;

    public const byte TableMain = 254;
    public const byte ProtoKernel = 2;
    public const byte ProtoBoot = 3;

    /// <summary>topo's mark on a route (<see cref="Ownership.RouteProtocol"/>).</summary>
    public const byte ProtoTopo = Ownership.RouteProtocol;

    public const byte TypeUnicast = 1;
    public const byte ScopeUniverse = 0;
    public const byte ScopeLink = 253;
    public const byte ScopeNowhere = 255;
}

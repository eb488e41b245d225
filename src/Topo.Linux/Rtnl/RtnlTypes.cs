namespace Topo.Linux.Rtnl;

/// <summary>rtnetlink message types (linux/rtnetlink.h).</summary>
public static class RtnlTypes
{
    public const ushort NewLink = 16;
    public const ushort DelLink = 17;
    public const ushort GetLink = 18;
    public const ushort NewAddr = 20;
    public const ushort DelAddr = 21;
    public const ushort GetAddr = 22;
    public const ushort NewRoute = 24;
    public const ushort DelRoute = 25;
    public const ushort GetRoute = 26;
    public const ushort NewNeigh = 28;
    public const ushort DelNeigh = 29;
    public const ushort GetNeigh = 30;
    public const ushort NewQdisc = 36;
    public const ushort DelQdisc = 37;
    public const ushort GetQdisc = 38;
    public const ushort NewNsId = 88;
    public const ushort GetNsId = 90;

    /// <summary>The multicast group of link notifications (RTNLGRP_LINK), as a bind() group mask.</summary>
    public const uint LinkGroupMask = 1;
}

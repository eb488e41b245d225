namespace Topo.Linux.Rtnl;

/// <summary>Traffic-control attributes and handles (linux/rtnetlink.h, linux/pkt_sched.h).</summary>
public static class Tca
{
    public const ushort Kind = 1;
    public const ushort Options = 2;

    /// <summary>TC_H_ROOT: the parent of an interface's root qdisc.</summary>
    public const uint Root = 0xFFFFFFFF;

    public const ushort NetemCorr = 1;
    public const ushort NetemCorrupt = 4;
    public const ushort NetemRate = 6;
    public const ushort NetemRate64 = 8;
    public const ushort NetemLatency64 = 10;
    public const ushort NetemJitter64 = 11;

    public const ushort TbfParms = 1;
    public const ushort TbfRtab = 2;
    public const ushort TbfRate64 = 4;
    public const ushort TbfBurst = 6;

    /// <summary>TC_LINKLAYER_ETHERNET: the rate table counts bytes as they are, not in ATM cells.</summary>
    public const byte LinkLayerEthernet = 1;
}

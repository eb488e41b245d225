namespace Topo.Linux.Nftables;

/// <summary>nfnetlink's batch frames and the nf_tables messages and attributes topo sends (linux/netfilter/nfnetlink.h, nf_tables.h).</summary>
internal static class Nfnl
{
    public const ushort BatchBegin = 16; // NFNL_MSG_BATCH_BEGIN
    public const ushort BatchEnd = 17; // NFNL_MSG_BATCH_END
    public const ushort SubsystemNftables = 10; // NFNL_SUBSYS_NFTABLES, also a batch's resource id (big-endian)

    // NFNL_SUBSYS_NFTABLES << 8 | NFT_MSG_*
    public const ushort NewTable = (SubsystemNftables << 8) | 0;
    public const ushort GetTable = (SubsystemNftables << 8) | 1;
    public const ushort DelTable = (SubsystemNftables << 8) | 2;
    public const ushort NewGen = (SubsystemNftables << 8) | 15;
    public const ushort GetGen = (SubsystemNftables << 8) | 16;

    public const ushort TableName = 1; // NFTA_TABLE_NAME
    public const ushort TableUserData = 6; // NFTA_TABLE_USERDATA
    public const ushort GenId = 1; // NFTA_GEN_ID, big-endian
    public const byte FamilyIpv4 = 2; // NFPROTO_IPV4
    public const byte FamilyIpv6 = 10; // NFPROTO_IPV6

    public static byte Of(Topo.Core.State.NftFamily family) => family == Topo.Core.State.NftFamily.Ip ? FamilyIpv4 : FamilyIpv6;
}

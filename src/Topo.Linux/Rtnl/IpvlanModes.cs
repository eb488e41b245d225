namespace Topo.Linux.Rtnl;

/// <summary>The ipvlan modes (enum ipvlan_mode in linux/if_link.h) by the names <c>ip -d link</c> shows, and its flags.</summary>
public static class IpvlanModes
{
    public const ushort L2 = 0;
    public const ushort L3 = 1;
    public const ushort L3s = 2;

    /// <summary>IFLA_IPVLAN_FLAGS with neither IPVLAN_F_PRIVATE (1) nor IPVLAN_F_VEPA (2): the default, bridge.</summary>
    public const ushort BridgeFlags = 0;

    private static readonly ModeNames<ushort> Names = new("an ipvlan mode", (L2, "l2"), (L3, "l3"), (L3s, "l3s"));

    public static string NameOf(ushort mode) => Names.NameOf(mode);

    public static ushort ValueOf(string name) => Names.ValueOf(name);
}

namespace Topo.Core.State;

/// <summary>The nftables family of one of the lab's tables: <c>ip</c> for IPv4, <c>ip6</c> for IPv6.</summary>
public enum NftFamily
{
    Ip,
    Ip6,
}

public static class NftFamilies
{
    /// <summary>The family's name in nft's syntax and JSON, also its payload protocol (<c>ip saddr</c>, <c>ip6 saddr</c>).</summary>
    public static string Keyword(this NftFamily family) => family == NftFamily.Ip ? "ip" : "ip6";

    public static NftFamily? Parse(string? keyword) => keyword switch
    {
        "ip" => NftFamily.Ip,
        "ip6" => NftFamily.Ip6,
        _ => null,
    };
}

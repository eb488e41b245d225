namespace Topo.Core.State;

/// <summary>
/// One rule of the lab's own nftables tables. Each kind knows its chain, its family (which of the
/// lab's two tables holds it) and its nft text; the kernel layer turns the same records into
/// libnftables JSON and reads them back.
/// </summary>
public abstract record NftRule
{
    public abstract NftChain Chain { get; }

    /// <summary>IPv4 rules live in <c>ip topo-LAB</c>, IPv6 ones in <c>ip6 topo-LAB</c>, as Docker splits iptables and ip6tables.</summary>
    public virtual NftFamily Family => NftFamily.Ip;

    /// <summary>The rule's matches and statements in nft's own syntax, as <c>nft list ruleset</c> shows them.</summary>
    public abstract string Text { get; }

    /// <summary>
    /// What in the lab file made the rule (<c>ports web 8080:80</c>, <c>masquerade docker0</c>), kept in the
    /// kernel as the rule's comment so that <c>nft list ruleset</c> says it to whoever reads the table
    /// without topo. Part of the rule: an edited comment is drift like an edited match.
    /// </summary>
    public string? Comment { get; init; }

    /// <summary>The rule as nft lists it, its comment last.</summary>
    public string Listed => Comment is null ? Text : $"{Text} comment \"{Comment}\"";

    /// <summary>nft keeps at most 128 bytes of a comment (NFTNL_UDATA_COMMENT_MAXLEN); names are ASCII, so characters are bytes.</summary>
    public const int CommentLimit = 128;

    /// <summary>A comment cut to what nft keeps, so the one written is the one read back.</summary>
    public static string CommentOf(string text) => text.Length <= CommentLimit ? text : text[..CommentLimit];

    /// <summary>The family of an address or network as written (IPv6 has a colon, IPv4 never does).</summary>
    public static NftFamily FamilyOf(string address) => address.Contains(':', StringComparison.Ordinal) ? NftFamily.Ip6 : NftFamily.Ip;
}

/// <summary>The lab table's base chains. None is named <c>fwd</c>: that is a keyword in nft's syntax.</summary>
public enum NftChain
{
    Prerouting,
    Output,
    Forward,
    Postrouting,
}

/// <summary>Source NAT for traffic from a bridge subnet that leaves it; traffic inside the subnet is left alone (bridge netfilter). NAT66 for an IPv6 subnet.</summary>
public sealed record MasqueradeRule(string Subnet) : NftRule
{
    public override NftChain Chain => NftChain.Postrouting;

    public override NftFamily Family => FamilyOf(Subnet);

    public override string Text => $"{Family.Keyword()} saddr {Subnet} {Family.Keyword()} daddr != {Subnet} masquerade";
}

/// <summary>
/// Masquerade DNATed traffic between two addresses of one subnet, so a node reaching a
/// neighbour's published port through the gateway gets the reply back through the gateway.
/// </summary>
public sealed record HairpinMasqueradeRule(string Subnet) : NftRule
{
    public override NftChain Chain => NftChain.Postrouting;

    public override NftFamily Family => FamilyOf(Subnet);

    public override string Text => $"ct status dnat {Family.Keyword()} saddr {Subnet} {Family.Keyword()} daddr {Subnet} masquerade";
}

/// <summary>
/// Masquerade what the host sends from its loopback addresses out through a bridge: a port
/// published on 127.0.0.1 is DNATed with its loopback source kept, which no node could answer.
/// With <c>route_localnet</c> on the bridge this is how docker-proxy's loopback ports work without the proxy.
/// IPv4 only: the kernel drops IPv6 replies to ::1 that arrive on any interface but lo.
/// </summary>
public sealed record LoopbackMasqueradeRule(string Bridge) : NftRule
{
    public const string Loopback = "127.0.0.0/8";

    public override NftChain Chain => NftChain.Postrouting;

    public override string Text => $"oifname \"{Bridge}\" ip saddr {Loopback} masquerade";
}

/// <summary>
/// A published port, or <see cref="Count"/> consecutive ones (a range, one rule and one map, not a
/// rule per port). In <see cref="NftChain.Prerouting"/> it catches traffic arriving from
/// outside; in <see cref="NftChain.Output"/> traffic the host itself sends (never loopback, unless
/// a loopback address is the host IP). Without a host IP it matches any local address
/// (<c>fib daddr type local</c>), as Docker does. Its family is the node address's.
/// </summary>
public sealed record DnatRule(NftChain Hook, string Protocol, string? HostIp, int HostPort, string NodeIp, int NodePort) : NftRule
{
    /// <summary>How many ports from <see cref="HostPort"/> on go to as many from <see cref="NodePort"/> on.</summary>
    public int Count { get; init; } = 1;

    public override NftChain Chain => Hook;

    public override NftFamily Family => FamilyOf(NodeIp);

    public int LastHostPort => HostPort + Count - 1;

    /// <summary>The node port that host port <paramref name="port"/> goes to, or null when the rule does not publish it.</summary>
    public int? NodePortOf(int port) => port >= HostPort && port <= LastHostPort ? NodePort + (port - HostPort) : null;

    public override string Text
    {
        get
        {
            var ip = Family.Keyword();
            var match = HostIp is null ? "fib daddr type local" : $"{ip} daddr {HostIp}";
            var notLoopback = Hook == NftChain.Output && HostIp is null ? $"{ip} daddr != {(Family == NftFamily.Ip ? "127.0.0.0/8" : "::1")} " : "";
            var node = Family == NftFamily.Ip ? NodeIp : $"[{NodeIp}]";
            if (Count == 1) return $"{notLoopback}{match} {Protocol} dport {HostPort} dnat to {node}:{NodePort}";
            var map = string.Join(", ", Enumerable.Range(0, Count).Select(i => $"{HostPort + i} : {NodePort + i}"));
            return $"{notLoopback}{match} {Protocol} dport {HostPort}-{LastHostPort} dnat to {node}:{Protocol} dport map {{ {map} }}";
        }
    }
}

/// <summary>Isolation: routed traffic from one bridge to another is dropped, in the family's table.</summary>
public sealed record IsolationRule(string InBridge, string OutBridge) : NftRule
{
    public NftFamily In { get; init; } = NftFamily.Ip;

    public override NftChain Chain => NftChain.Forward;

    public override NftFamily Family => In;

    public override string Text => $"iifname \"{InBridge}\" oifname \"{OutBridge}\" drop";
}

/// <summary>
/// An internal bridge (<c>docker network create --internal</c>): nothing is forwarded into it or out of
/// it; its nodes reach each other (bridged, not forwarded) and the host's own gateway address (local).
/// </summary>
public sealed record InternalRule(string Bridge, bool Inbound) : NftRule
{
    public NftFamily In { get; init; } = NftFamily.Ip;

    public override NftChain Chain => NftChain.Forward;

    public override NftFamily Family => In;

    public override string Text => Inbound ? $"iifname != \"{Bridge}\" oifname \"{Bridge}\" drop" : $"iifname \"{Bridge}\" oifname != \"{Bridge}\" drop";
}

namespace Topo.Core.State;

/// <summary>
/// One rule of the lab's own nftables table. Each kind knows its chain and its nft text;
/// the kernel layer turns the same records into libnftables JSON and reads them back.
/// </summary>
public abstract record NftRule
{
    public abstract NftChain Chain { get; }

    /// <summary>The rule in nft's own syntax, as <c>nft list ruleset</c> would show it.</summary>
    public abstract string Text { get; }
}

/// <summary>The lab table's base chains. None is named <c>fwd</c>: that is a keyword in nft's syntax.</summary>
public enum NftChain
{
    Prerouting,
    Output,
    Forward,
    Postrouting,
}

/// <summary>Source NAT for traffic from a bridge subnet that leaves it; traffic inside the subnet is left alone (bridge netfilter).</summary>
public sealed record MasqueradeRule(string Subnet) : NftRule
{
    public override NftChain Chain => NftChain.Postrouting;

    public override string Text => $"ip saddr {Subnet} ip daddr != {Subnet} masquerade";
}

/// <summary>
/// Masquerade DNATed traffic between two addresses of one subnet, so a node reaching a
/// neighbour's published port through the gateway gets the reply back through the gateway.
/// </summary>
public sealed record HairpinMasqueradeRule(string Subnet) : NftRule
{
    public override NftChain Chain => NftChain.Postrouting;

    public override string Text => $"ct status dnat ip saddr {Subnet} ip daddr {Subnet} masquerade";
}

/// <summary>
/// A published port. In <see cref="NftChain.Prerouting"/> it catches traffic arriving from
/// outside; in <see cref="NftChain.Output"/> traffic the host itself sends (never loopback).
/// Without a host IP it matches any local address (<c>fib daddr type local</c>), as Docker does.
/// </summary>
public sealed record DnatRule(NftChain Hook, string Protocol, string? HostIp, int HostPort, string NodeIp, int NodePort) : NftRule
{
    public override NftChain Chain => Hook;

    public override string Text
    {
        get
        {
            var match = HostIp is null ? "fib daddr type local" : $"ip daddr {HostIp}";
            var notLoopback = Hook == NftChain.Output && HostIp is null ? "ip daddr != 127.0.0.0/8 " : "";
            return $"{notLoopback}{match} {Protocol} dport {HostPort} dnat to {NodeIp}:{NodePort}";
        }
    }
}

/// <summary>Isolation: routed traffic from one bridge to another is dropped.</summary>
public sealed record IsolationRule(string InBridge, string OutBridge) : NftRule
{
    public override NftChain Chain => NftChain.Forward;

    public override string Text => $"iifname \"{InBridge}\" oifname \"{OutBridge}\" drop";
}

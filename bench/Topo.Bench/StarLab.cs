using System.Text;

namespace Topo.Bench;

/// <summary>
/// The benchmark's lab: one bridge (up to 1,000 nodes) with a subnet and masquerade, and <see cref="Nodes"/> nodes each
/// with a veth into the bridge, an automatic address, a default route and one published port.
/// Every method builds exactly this, so the names and addresses topo's IPAM picks are spelled out
/// here for the peers (node i gets the i-th usable address after the gateway, in link order).
/// </summary>
public sealed record StarLab(int Nodes)
{
    public const string Lab = "star";
    public const string Bridge = "star0";
    public const string Table = "topo-star";
    public const string Subnet = "10.88.0.0/16";
    public const string Gateway = "10.88.0.1";

    public static string Node(int i) => $"n{i}";

    /// <summary>The bridge-side end of node <paramref name="i"/>'s veth.</summary>
    public static string HostEnd(int i) => $"h{i}";

    public static int HostPort(int i) => 20000 + i;

    /// <summary>The bridge node <paramref name="i"/> is cabled to: star0 for the first 1,000, star1 for the next, ...</summary>
    public static int BridgeOf(int i) => (i - 1) / NodesPerBridge;

    public static string BridgeName(int b) => $"star{b}";

    public static string GatewayOf(int b) => $"10.{88 + b}.0.1";

    // .1 is the gateway; a bridge's nodes follow in link order.
    public static string Address(int i)
    {
        var j = (i - 1) % NodesPerBridge + 1;
        return $"10.{88 + BridgeOf(i)}.{(j + 1) / 256}.{(j + 1) % 256}";
    }

    public int Bridges => BridgeOf(Nodes) + 1;

    /// <summary>How many nodes bridge <paramref name="b"/> has.</summary>
    public int NodesOn(int b) => Math.Min(NodesPerBridge, Nodes - b * NodesPerBridge);

    public IEnumerable<int> Indices => Enumerable.Range(1, Nodes);

    /// <summary>
    /// Nodes per bridge: the kernel takes at most 1023 ports on one, so the in-process lab of 5,000
    /// nodes spreads over several bridges (star0, star1, ..., each a /16 of its own); every lab the
    /// kernel builds for the peers (N at most 1000) is the one bridge their scripts make; only topo
    /// builds the larger labs of <c>--scale</c>.
    /// </summary>
    public const int NodesPerBridge = 1000;

    public string Yaml()
    {
        var s = new StringBuilder();
        s.Append($"version: 1\nlab: {Lab}\nbridges:\n");
        for (var b = 0; b < Bridges; b++) s.Append($"  {BridgeName(b)}: {{subnet: 10.{88 + b}.0.0/16, masquerade: true}}\n");
        s.Append("nodes:\n");
        foreach (var i in Indices) s.Append($"  {Node(i)}: {{ports: [\"{HostPort(i)}:80/tcp\"]}}\n");
        s.Append("links:\n");
        foreach (var i in Indices) s.Append($"  - [{Node(i)}:eth0, {BridgeName(BridgeOf(i))}:{HostEnd(i)}]\n");
        return s.ToString();
    }

    /// <summary>The nft rules topo's table holds, as <c>nft -f</c> input (also run line by line by the tutorial script).</summary>
    public IEnumerable<string> NftCommands()
    {
        yield return $"add table ip {Table}";
        yield return $"add chain ip {Table} prerouting {{ type nat hook prerouting priority dstnat; policy accept; }}";
        yield return $"add chain ip {Table} output {{ type nat hook output priority -100; policy accept; }}";
        yield return $"add chain ip {Table} postrouting {{ type nat hook postrouting priority srcnat; policy accept; }}";
        yield return $"add rule ip {Table} postrouting ip saddr {Subnet} ip daddr != {Subnet} masquerade";
        yield return $"add rule ip {Table} postrouting ct status dnat ip saddr {Subnet} ip daddr {Subnet} masquerade";
        foreach (var i in Indices)
        {
            yield return $"add rule ip {Table} prerouting fib daddr type local tcp dport {HostPort(i)} dnat to {Address(i)}:80";
            yield return $"add rule ip {Table} output ip daddr != 127.0.0.0/8 fib daddr type local tcp dport {HostPort(i)} dnat to {Address(i)}:80";
        }
    }
}

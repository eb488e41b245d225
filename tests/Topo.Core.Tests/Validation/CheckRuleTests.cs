using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Validation;

namespace Topo.Core.Tests.Validation;

public sealed class CheckRuleTests
{
    /// <summary>box1 and box2 on br0 (172.17.0.0/16), pca joined to the host by pca:eth0 10.0.1.2/24 and host:vpca 10.0.1.1/24.</summary>
    private static LabBuilder Lab() => new LabBuilder()
        .Bridge("br0", subnet: "172.17.0.0/16")
        .Nodes("box1", "box2", "pca", "lonely")
        .Link("box1:eth0", "br0")
        .Link("box2:eth0", "br0")
        .Link("pca:eth0", "host:vpca", addresses: [("pca:eth0", ["10.0.1.2/24"]), ("host:vpca", ["10.0.1.1/24"])]);

    private static ResolvedCheck Resolve(string from, string to, string? proto = null, string expect = "reach", string? timeout = null) =>
        Assert.Single(Lab().Check(from, to, proto, expect, timeout).Valid().Checks);

    [Theory]
    [InlineData("box1", "box2", "box1", "172.17.0.3", "icmp", null)]
    [InlineData("box1", "box2:eth0", "box1", "172.17.0.3", "icmp", null)]
    [InlineData("box1", "box2:80", "box1", "172.17.0.3", "tcp", 80)]
    [InlineData("box1", "box2:eth0:8080", "box1", "172.17.0.3", "tcp", 8080)]
    [InlineData("box1", "172.17.0.1", "box1", "172.17.0.1", "icmp", null)]
    [InlineData("box1", "8.8.8.8:53", "box1", "8.8.8.8", "tcp", 53)]
    [InlineData("box1", "fd00::1", "box1", "fd00::1", "icmp", null)]
    [InlineData("box1", "[fd00::1]:443", "box1", "fd00::1", "tcp", 443)]
    [InlineData("pca", "host:8080", "pca", "10.0.1.1", "tcp", 8080)]
    [InlineData("box1", "host", "box1", "172.17.0.1", "icmp", null)]
    [InlineData("lonely", "host", "lonely", "172.17.0.1", "icmp", null)]
    [InlineData("host", "host:8080", "", "127.0.0.1", "tcp", 8080)]
    [InlineData("host", "host:vpca", "", "10.0.1.1", "icmp", null)]
    [InlineData("host", "pca", "", "10.0.1.2", "icmp", null)]
    public void A_check_target_resolves_to_an_address(string from, string to, string ns, string address, string proto, int? port)
    {
        var check = Resolve(from, to);

        Assert.Equal(new ResolvedCheck(ns, from, to, address, proto, port, true, TimeSpan.FromSeconds(1)), check);
    }

    [Theory]
    [InlineData("udp", "udp")]
    [InlineData("tcp", "tcp")]
    public void A_written_proto_is_kept(string proto, string expected) => Assert.Equal(expected, Resolve("box1", "box2:53", proto).Protocol);

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30000)]
    [InlineData("2s", 2000)]
    [InlineData("3", 3000)]
    public void A_timeout_is_in_seconds_or_milliseconds(string timeout, int ms) =>
        Assert.Equal(TimeSpan.FromMilliseconds(ms), Resolve("box1", "box2", timeout: timeout).Timeout);

    [Fact]
    public void No_reach_is_expected_as_written() => Assert.False(Resolve("box1", "box2", expect: "no-reach").ExpectReach);

    [Fact]
    public void Refused_is_expected_as_written_and_is_not_reach()
    {
        var check = Resolve("box1", "box2:81", expect: "refused");

        Assert.Equal((false, true, "refused"), (check.ExpectReach, check.ExpectRefused, check.ExpectText));
    }

    [Fact]
    public void A_check_gets_a_stand_in_unless_it_says_standin_false()
    {
        Assert.True(Resolve("box1", "box2:80").StandIn);
        Assert.False(Assert.Single(Lab().Check("box1", "box2:80", standIn: false).Valid().Checks).StandIn);
    }

    [Theory]
    [InlineData("box9", "box2", null, "reach", null, "checks[0].from: 'box9' names no node (from is a node or 'host'; nodes: box1, box2, pca, lonely)")]
    [InlineData("box1", "box9", null, "reach", null, "checks[0].to: 'box9' names no node (to is a node, NODE:IFNAME, host, or an address; nodes: box1, box2, pca, lonely)")]
    [InlineData("box1", "box2:eth7", null, "reach", null, "checks[0].to: 'eth7' names no interface of box2 (interfaces: eth0, lo)")]
    [InlineData("box1", "box2:lo", null, "reach", null, "checks[0].to: interface 'lo' of box2 has no address to reach")]
    [InlineData("box1", "lonely", null, "reach", null, "checks[0].to: lonely has no address for a check to reach (give it one on a link)")]
    [InlineData("box1", "box2:70000", null, "reach", null, "checks[0].to: port '70000' must be a number from 1 to 65535")]
    [InlineData("box1", "box2:0", null, "reach", null, "checks[0].to: port '0' must be a number from 1 to 65535")]
    [InlineData("box1", "a:b:c:d", null, "reach", null, "checks[0].to: 'a:b:c:d' is not a check target (a node, NODE:IFNAME, host, or an address, optionally with :PORT)")]
    [InlineData("box1", "[10.0.0.1]:80", null, "reach", null, "checks[0].to: '[10.0.0.1]:80' is not a check target (a node, NODE:IFNAME, host, or an address, optionally with :PORT)")]
    [InlineData("box1", "box2", "sctp", "reach", null, "checks[0].proto: proto 'sctp' must be icmp, tcp or udp")]
    [InlineData("box1", "box2:80", "icmp", "reach", null, "checks[0].proto: proto icmp takes no port; drop ':80' from to, or use tcp or udp")]
    [InlineData("box1", "box2", "tcp", "reach", null, "checks[0].proto: proto tcp needs a port in to (e.g. 'box2:80')")]
    [InlineData("box1", "box2", null, "maybe", null, "checks[0].expect: expect 'maybe' must be reach, no-reach or refused")]
    [InlineData("box1", "box2", null, "reach", "31s", "checks[0].timeout: timeout '31s' must be a duration like 2s, 500ms or 2 (seconds), more than 0 and at most 30s")]
    [InlineData("box1", "box2", null, "reach", "0ms", "checks[0].timeout: timeout '0ms' must be a duration like 2s, 500ms or 2 (seconds), more than 0 and at most 30s")]
    [InlineData("box1", "box2", null, "reach", "1m", "checks[0].timeout: timeout '1m' must be a duration like 2s, 500ms or 2 (seconds), more than 0 and at most 30s")]
    [InlineData("box1", "box2", null, "reach", "s", "checks[0].timeout: timeout 's' must be a duration like 2s, 500ms or 2 (seconds), more than 0 and at most 30s")]
    [InlineData("box1", "box2", null, "reach", "1.5s", "checks[0].timeout: timeout '1.5s' must be a duration like 2s, 500ms or 2 (seconds), more than 0 and at most 30s")]
    public void A_bad_check_says_what_is_wrong(string from, string to, string? proto, string expect, string? timeout, string message) =>
        Assert.Equal([message], Lab().Check(from, to, proto, expect, timeout).Errors());

    [Fact]
    public void Host_with_no_address_in_the_host_cannot_be_reached_from_a_node() =>
        Assert.Equal(
            ["checks[0].to: host has no address for a check to reach (give it one on a link)"],
            new LabBuilder().Nodes("a", "b").Link("a:eth0", "b:eth0", addresses: [("a:eth0", ["10.0.0.1/24"])]).Check("a", "host").Errors());

    [Fact]
    public void A_node_is_reached_by_its_link_address_before_a_bridge_it_holds()
    {
        var lab = new LabBuilder().Nodes("r", "c").Bridge("inner", node: "r", subnet: "10.9.0.0/24")
            .Link("r:eth0", "c:eth0", addresses: [("r:eth0", ["10.0.0.1/24"])]).Check("c", "r").Valid();

        Assert.Equal("10.0.0.1", Assert.Single(lab.Checks).Address);
    }
}

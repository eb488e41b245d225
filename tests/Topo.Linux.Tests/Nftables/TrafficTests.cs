using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Linux.Nftables;
using Topo.Testing.Kernel;
using Topo.Core.Kinds;

namespace Topo.Linux.Tests.Nftables;

/// <summary>Real packets through the rules design.md lists, in a sandbox built by <see cref="NatLab"/>.</summary>
public sealed class TrafficTests
{
    private const string Table = "topo-lab";
    private const int HostPort = 8080;
    private const int NodePort = 80;

    [KernelFact]
    public async Task Masquerade_lets_a_node_reach_an_outside_namespace_under_the_hosts_address()
    {
        using var lab = new NatLab(bridgeNetfilter: true);
        await using var outside = new Greeter(lab.Client, "client", 9000);

        // The client has no route back to the node's subnet: without NAT its answer cannot leave.
        Assert.Null(await TcpProbe.Greeting(lab.Node1, NatLab.ClientIp, 9000, TimeSpan.FromSeconds(1)));

        using var nft = NftTables.Open(lab.Host, Netns.Host);
        nft.Apply(Resource(new MasqueradeRule(NatLab.Subnet)));

        Assert.Equal($"client saw {NatLab.HostOutside}", await TcpProbe.Greeting(lab.Node1, NatLab.ClientIp, 9000));
    }

    [KernelTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_published_port_is_reachable_from_outside_the_host_a_neighbour_and_the_node_itself(bool bridgeNetfilter)
    {
        using var lab = new NatLab(bridgeNetfilter);
        lab.Hairpin("v1");
        await using var web = new Greeter(lab.Node1, "n1", NodePort);
        using var nft = NftTables.Open(lab.Host, Netns.Host);
        nft.Apply(Resource(
            new DnatRule(NftChain.Prerouting, "tcp", null, HostPort, NatLab.N1, NodePort),
            new DnatRule(NftChain.Output, "tcp", null, HostPort, NatLab.N1, NodePort),
            new MasqueradeRule(NatLab.Subnet),
            new HairpinMasqueradeRule(NatLab.Subnet)));

        Assert.Contains("\"dnat\"", lab.Sandbox.Witness("nft", "-j", "list", "table", "ip", Table));
        Assert.Equal($"n1 saw {NatLab.ClientIp}", await TcpProbe.Greeting(lab.Client, NatLab.HostOutside, HostPort));
        Assert.StartsWith("n1 saw ", await TcpProbe.Greeting(lab.Host, NatLab.HostOutside, HostPort));
        Assert.StartsWith("n1 saw ", await TcpProbe.Greeting(lab.Host, NatLab.Gateway, HostPort));
        Assert.Equal($"n1 saw {NatLab.Gateway}", await TcpProbe.Greeting(lab.Node2, NatLab.Gateway, HostPort));
        Assert.Equal($"n1 saw {NatLab.Gateway}", await TcpProbe.Greeting(lab.Node1, NatLab.Gateway, HostPort));
        // The output rule leaves loopback alone: nothing listens on the host's own port 8080.
        Assert.Null(await TcpProbe.Greeting(lab.Host, "127.0.0.1", HostPort));
    }

    // With bridge netfilter on, the bridged reply passes conntrack and is un-NATed on its way, so
    // only the plain bridge shows why the second masquerade rule is needed.
    [KernelFact]
    public async Task Without_the_hairpin_masquerade_a_neighbour_cannot_use_the_gateway_address_on_a_plain_bridge()
    {
        using var lab = new NatLab(bridgeNetfilter: false);
        await using var web = new Greeter(lab.Node1, "n1", NodePort);
        using var nft = NftTables.Open(lab.Host, Netns.Host);
        nft.Apply(Resource(new DnatRule(NftChain.Prerouting, "tcp", null, HostPort, NatLab.N1, NodePort), new MasqueradeRule(NatLab.Subnet)));

        Assert.Null(await TcpProbe.Greeting(lab.Node2, NatLab.Gateway, HostPort, TimeSpan.FromSeconds(1)));
        Assert.Equal($"n1 saw {NatLab.ClientIp}", await TcpProbe.Greeting(lab.Client, NatLab.HostOutside, HostPort));
    }

    [KernelTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Isolation_stops_routed_traffic_between_bridges_but_not_traffic_within_one(bool bridgeNetfilter)
    {
        using var lab = new NatLab(bridgeNetfilter);
        await using var far = new Greeter(lab.Node3, "n3", NodePort);
        await using var near = new Greeter(lab.Node2, "n2", NodePort);
        Assert.Equal($"n3 saw {NatLab.N1}", await TcpProbe.Greeting(lab.Node1, NatLab.N3, NodePort));

        using var nft = NftTables.Open(lab.Host, Netns.Host);
        nft.Apply(Resource(new IsolationRule("brA", "brB"), new IsolationRule("brB", "brA")));

        Assert.Null(await TcpProbe.Greeting(lab.Node1, NatLab.N3, NodePort, TimeSpan.FromSeconds(1)));
        Assert.Equal($"n2 saw {NatLab.N1}", await TcpProbe.Greeting(lab.Node1, NatLab.N2, NodePort));
        using (var deleter = new NftTableDeleter(lab.Host)) Assert.True(deleter.Delete(Table));
        Assert.Equal($"n3 saw {NatLab.N1}", await TcpProbe.Greeting(lab.Node1, NatLab.N3, NodePort));
    }

    private static NftTableResource Resource(params NftRule[] rules) => new(Netns.Host, Table, [.. rules]);
}

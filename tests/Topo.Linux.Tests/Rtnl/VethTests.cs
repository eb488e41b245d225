using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

public sealed class VethTests
{
    [KernelFact]
    public void A_veth_pair_between_two_namespaces_is_one_request_with_each_end_named_in_its_namespace()
    {
        using var sandbox = new KernelSandbox();
        var (a, b) = (sandbox.Name("a"), sandbox.Name("b"));
        using var threadA = sandbox.Namespaces.Create(a);
        using var threadB = sandbox.Namespaces.Create(b);
        using var handleA = NetnsHandle.Of(threadA);
        using var handleB = NetnsHandle.Of(threadB);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var clientA = RtnlClient.Open(threadA);

        host.Apply(batch => batch.CreateVeth(
            new VethEnd("eth0", handleA, new LinkOptions(Mtu: 1400, Up: true, Mac: "02:00:00:00:00:0a")),
            new VethEnd("eth1", handleB, new LinkOptions(Mtu: 1400))));
        clientA.Apply(batch => batch.SetAlias("eth0", "topo:lab1"));

        var endA = IpWitness.Link(sandbox, a, "eth0");
        var endB = IpWitness.Link(sandbox, b, "eth1");
        Assert.Equal("veth", endA.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal("veth", endB.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1400, endA.GetProperty("mtu").GetInt32());
        Assert.Equal(1400, endB.GetProperty("mtu").GetInt32());
        Assert.Equal("topo:lab1", endA.GetProperty("ifalias").GetString());
        Assert.Equal("02:00:00:00:00:0a", endA.GetProperty("address").GetString());
        Assert.Contains("UP", Flags(endA));
        Assert.DoesNotContain("UP", Flags(endB));
        Assert.Equal(endB.GetProperty("ifindex").GetInt32(), endA.GetProperty("link_index").GetInt32());
        Assert.DoesNotContain("eth0", IpWitness.Links(sandbox).Keys);
        Assert.DoesNotContain("eth1", IpWitness.Links(sandbox).Keys);
    }

    [KernelFact]
    public void A_veth_between_host_and_a_namespace_takes_master_mtu_alias_and_up_on_the_host_end()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("n");
        using var nodeThread = sandbox.Namespaces.Create(node);
        using var nodeHandle = NetnsHandle.Of(nodeThread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0", new LinkOptions(Up: true)));

        host.Apply(b => b.CreateVeth(
            new VethEnd("vh0", null, new LinkOptions(Mtu: 1300, Alias: "topo:lab", Master: "br0", Up: true)),
            new VethEnd("eth0", nodeHandle, new LinkOptions(Mtu: 1300))));

        var hostEnd = IpWitness.Link(sandbox, null, "vh0");
        Assert.Equal("br0", hostEnd.GetProperty("master").GetString());
        Assert.Equal(1300, hostEnd.GetProperty("mtu").GetInt32());
        Assert.Equal("topo:lab", hostEnd.GetProperty("ifalias").GetString());
        Assert.Contains("UP", Flags(hostEnd));
        Assert.Equal(1300, IpWitness.Link(sandbox, node, "eth0").GetProperty("mtu").GetInt32());
    }

    [KernelFact]
    public void A_peer_that_stays_here_is_brought_up_and_marked_in_the_same_batch()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");

        host.Apply(b => b.CreateVeth(
            new VethEnd("pa", null, new LinkOptions(Up: true)),
            new VethEnd("pb", null, new LinkOptions(Alias: "topo:x", Up: true))));

        var peer = IpWitness.Link(sandbox, null, "pb");
        Assert.Contains("UP", Flags(peer));
        Assert.Equal("topo:x", peer.GetProperty("ifalias").GetString());
    }

    [KernelFact]
    public void Creating_a_veth_whose_name_is_taken_names_the_pair_and_the_namespace()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateVeth(new VethEnd("dup0"), new VethEnd("dup1")));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.CreateVeth(new VethEnd("dup0"), new VethEnd("dup1"))));

        Assert.Equal(Errors.EEXIST, e.Errno);
        Assert.Equal("creating veth 'dup0' in namespace 'host' (peer 'dup1' in namespace 'host'): File exists", e.Message);
    }

    internal static IEnumerable<string?> Flags(System.Text.Json.JsonElement link) =>
        link.GetProperty("flags").EnumerateArray().Select(f => f.GetString());
}

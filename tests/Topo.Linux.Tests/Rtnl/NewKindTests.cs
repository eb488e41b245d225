using System.Text.RegularExpressions;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>
/// The kinds this machine's kernel may lack, made for real where it has them (each skips elsewhere with the kernel's
/// answer), witnessed by <c>ip -d link show</c> and read back by topo's reader in the namespace they were placed in.
/// </summary>
public sealed class NewKindTests
{
    [KernelKindFact("dummy")]
    public void A_dummy_is_made_straight_in_its_namespace_and_read_back_there()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("d");
        using var thread = sandbox.Namespaces.Create(node);
        using var handle = NetnsHandle.Of(thread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(thread);

        host.Apply(b => b.CreateDummy("d0", handle, new LinkOptions(Mtu: 1400)));

        var device = IpWitness.Link(sandbox, node, "d0");
        Assert.Equal("dummy", device.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(1400, device.GetProperty("mtu").GetInt32());
        Assert.DoesNotContain("d0", IpWitness.Links(sandbox).Keys);
        Assert.Equal("dummy", inNode.Links().Single(l => l.Name == "d0").Kind);
    }

    [KernelKindFact("vlan")]
    public void A_vlan_on_a_veth_is_placed_in_its_namespace_with_its_id_protocol_and_parent()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("v");
        using var thread = sandbox.Namespaces.Create(node);
        using var handle = NetnsHandle.Of(thread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(thread);
        host.Apply(b => b.CreateVeth(new VethEnd("v0", null, new LinkOptions(Up: true)), new VethEnd("v1")));

        host.Apply(b => b.CreateVlan("v0.10", "v0", handle, new VlanInfo(10)));

        var parent = IpWitness.Link(sandbox, null, "v0").GetProperty("ifindex").GetInt32();
        var device = IpWitness.Link(sandbox, node, "v0.10");
        var data = device.GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal("vlan", device.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal((10, "802.1Q"), (data.GetProperty("id").GetInt32(), data.GetProperty("protocol").GetString()));
        Assert.Equal(parent, device.GetProperty("link_index").GetInt32());
        var read = inNode.Links().Single(l => l.Name == "v0.10");
        Assert.Equal((new VlanInfo(10), parent), (read.Vlan, read.PeerIndex));
        Assert.NotNull(read.PeerNetnsId);
    }

    [KernelKindTheory("ipvlan")]
    [InlineData("l2")]
    [InlineData("l3")]
    [InlineData("l3s")]
    public void An_ipvlan_is_made_in_its_mode_and_read_back_with_it(string mode)
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateVeth(new VethEnd("v0", null, new LinkOptions(Up: true)), new VethEnd("v1")));

        host.Apply(b => b.CreateIpvlan("iv0", "v0", null, IpvlanModes.ValueOf(mode), new LinkOptions(Up: true)));

        Assert.Matches(new Regex($@"\bipvlan\s+mode {mode}\b"), sandbox.Witness("ip", "-d", "link", "show", "dev", "iv0"));
        var read = host.Links().Single(l => l.Name == "iv0");
        Assert.Equal(("ipvlan", mode, host.Links().Single(l => l.Name == "v0").Index), (read.Kind, read.IpvlanMode, read.PeerIndex));
    }
}

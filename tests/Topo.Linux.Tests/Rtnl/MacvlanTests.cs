using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;
using Topo.Linux.Read;

namespace Topo.Linux.Tests.Rtnl;

public sealed class MacvlanTests
{
    [KernelFact]
    public void A_macvlan_is_made_in_its_parents_namespace_and_placed_in_its_own_in_bridge_mode()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("m");
        using var nodeThread = sandbox.Namespaces.Create(node);
        using var nodeHandle = NetnsHandle.Of(nodeThread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(nodeThread);
        host.Apply(b => b.CreateVeth(new VethEnd("lan0", null, new LinkOptions(Up: true)), new VethEnd("lan1")));

        host.Apply(b => b.CreateMacvlan("mv0", "lan0", nodeHandle, MacvlanModes.Bridge, new LinkOptions(Mtu: 1400, Mac: "02:00:00:00:00:4a")));
        inNode.Apply(b => b.SetAlias("mv0", "topo:lab1").SetUp("mv0", true));

        var device = IpWitness.Link(sandbox, node, "mv0");
        var info = device.GetProperty("linkinfo");
        Assert.Equal("macvlan", info.GetProperty("info_kind").GetString());
        Assert.Equal("bridge", info.GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal(1400, device.GetProperty("mtu").GetInt32());
        Assert.Equal("02:00:00:00:00:4a", device.GetProperty("address").GetString());
        Assert.Equal("topo:lab1", device.GetProperty("ifalias").GetString());
        Assert.Contains("UP", VethTests.Flags(device));
        Assert.Equal(IpWitness.Link(sandbox, null, "lan0").GetProperty("ifindex").GetInt32(), device.GetProperty("link_index").GetInt32());
        Assert.DoesNotContain("mv0", IpWitness.Links(sandbox).Keys);
    }

    [KernelTheory]
    [InlineData("private")]
    [InlineData("vepa")]
    [InlineData("bridge")]
    [InlineData("passthru")]
    public void A_macvlan_is_made_in_each_mode_and_read_back_with_it(string mode)
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateVeth(new VethEnd("lan0", null, new LinkOptions(Up: true)), new VethEnd("lan1")));

        host.Apply(b => b.CreateMacvlan("mv0", "lan0", null, MacvlanModes.ValueOf(mode), new LinkOptions(Up: true)));

        var device = IpWitness.Link(sandbox, null, "mv0");
        Assert.Equal(mode, device.GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("lan0", device.GetProperty("link").GetString());
        Assert.Equal(("macvlan", mode), host.Links().Single(l => l.Name == "mv0") is var read ? (read.Kind, read.MacvlanMode) : default);
    }

    [KernelFact]
    public void A_macvlan_that_stays_with_its_parent_takes_alias_and_up_in_the_creating_batch()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0", new LinkOptions(Up: true)));

        host.Apply(b => b.CreateMacvlan("mv1", "br0", null, MacvlanModes.Bridge, new LinkOptions(Alias: "topo:x", Up: true)));

        var device = IpWitness.Link(sandbox, null, "mv1");
        Assert.Equal("br0", device.GetProperty("link").GetString());
        Assert.Equal("topo:x", device.GetProperty("ifalias").GetString());
        Assert.Contains("UP", VethTests.Flags(device));
    }

    [KernelFact]
    public void A_missing_parent_fails_before_anything_is_sent_and_names_the_parent()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.CreateMacvlan("mv0", "eth9", null, MacvlanModes.Bridge)));

        Assert.Equal(Errors.ENODEV, e.Errno);
        Assert.Contains("creating macvlan 'mv0' on 'eth9'", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("mv0", IpWitness.Links(sandbox).Keys);
    }

    [KernelFact]
    public void The_reader_finds_the_mode_and_the_parent_across_namespaces_and_the_kernel_deletes_a_macvlan_with_its_parent()
    {
        using var sandbox = new KernelSandbox();
        var lab = sandbox.Id;
        var mark = Ownership.Mark(lab);
        var node = sandbox.Name("m");
        using var nodeThread = sandbox.Namespaces.Create(node);
        using var nodeHandle = NetnsHandle.Of(nodeThread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(nodeThread);
        inNode.Apply(b => b.SetUp("lo", true).SetAlias("lo", mark));
        host.Apply(b => b
            .CreateVeth(new VethEnd("lan0", null, new LinkOptions(Alias: mark, Up: true)), new VethEnd("lan1", null, new LinkOptions(Alias: mark)))
            .CreateMacvlan("mvh", "lan0", null, MacvlanModes.Bridge, new LinkOptions(Alias: mark))
            .CreateMacvlan("mv0", "lan0", nodeHandle, MacvlanModes.Bridge));
        inNode.Apply(b => b.SetAlias("mv0", mark));

        var state = new KernelReader(sandbox.Host, sandbox.Namespaces).Read(lab, [], ReadDepth.Everything, null);

        var parent = new ResourceKey(ResourceKind.Link, Netns.Host, "lan0");
        var placed = state.Resources.OfType<MacvlanResource>().Single(m => m.Device.Name == "mv0");
        Assert.Equal((node, parent, "bridge", lab), (placed.Device.Namespace, placed.Parent!.Value, placed.Mode, placed.Owner));
        var beside = state.Resources.OfType<MacvlanResource>().Single(m => m.Device.Name == "mvh");
        Assert.Equal((Netns.Host, parent, "bridge", lab), (beside.Device.Namespace, beside.Parent!.Value, beside.Mode, beside.Owner));

        host.Apply(b => b.Delete("lan0"));

        Assert.DoesNotContain("mvh", IpWitness.Links(sandbox).Keys);
        Assert.DoesNotContain("mv0", IpWitness.Links(sandbox, node).Keys);
    }
}

using Topo.Linux.Namespaces;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;
using static Topo.Linux.Tests.Rtnl.VethTests;

namespace Topo.Linux.Tests.Rtnl;

public sealed class LinkTests
{
    [KernelFact]
    public void A_bridge_is_made_with_its_settings_and_a_port_enslaved_to_it_and_released()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");

        host.Apply(b => b.CreateBridge("br0", new LinkOptions(Mtu: 1450, Mac: "02:00:00:00:01:01", Alias: "topo:lab", Up: true)));
        host.Apply(b => b.CreateVeth(new VethEnd("p0"), new VethEnd("p1")));
        host.Apply(b => b.SetMaster("p0", "br0"));

        var bridge = IpWitness.Link(sandbox, null, "br0");
        Assert.Equal("bridge", bridge.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal("02:00:00:00:01:01", bridge.GetProperty("address").GetString());
        Assert.Equal("topo:lab", bridge.GetProperty("ifalias").GetString());
        Assert.Contains("UP", Flags(bridge));
        Assert.Equal("br0", IpWitness.Link(sandbox, null, "p0").GetProperty("master").GetString());

        host.Apply(b => b.SetMaster("p0", null));
        Assert.False(IpWitness.Link(sandbox, null, "p0").TryGetProperty("master", out _));
    }

    [KernelFact]
    public void Up_down_mtu_mac_and_alias_change_in_one_batch()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateVeth(new VethEnd("x0"), new VethEnd("x1")));

        host.Apply(b => b.SetUp("x0", true).SetMtu("x0", 1280).SetMac("x0", "02:00:00:00:02:02").SetAlias("x0", "topo:l"));

        var link = IpWitness.Link(sandbox, null, "x0");
        Assert.Contains("UP", Flags(link));
        Assert.Equal(1280, link.GetProperty("mtu").GetInt32());
        Assert.Equal("02:00:00:00:02:02", link.GetProperty("address").GetString());
        Assert.Equal("topo:l", link.GetProperty("ifalias").GetString());

        host.Apply(b => b.SetUp("x0", false).SetAlias("x0", null));

        link = IpWitness.Link(sandbox, null, "x0");
        Assert.DoesNotContain("UP", Flags(link));
        Assert.False(link.TryGetProperty("ifalias", out _));
    }

    [KernelFact]
    public void A_link_is_renamed_moved_to_another_namespace_and_deleted()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("m");
        using var nodeThread = sandbox.Namespaces.Create(node);
        using var nodeHandle = NetnsHandle.Of(nodeThread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(nodeThread);
        host.Apply(b => b.CreateVeth(new VethEnd("old0"), new VethEnd("peer0")));

        host.Apply(b => b.Rename("old0", "new0"));
        Assert.Contains("new0", IpWitness.Links(sandbox).Keys);
        Assert.DoesNotContain("old0", IpWitness.Links(sandbox).Keys);

        host.Apply(b => b.MoveTo("new0", nodeHandle));
        Assert.DoesNotContain("new0", IpWitness.Links(sandbox).Keys);
        Assert.Contains("new0", IpWitness.Links(sandbox, node).Keys);

        inNode.Apply(b => b.Delete("new0"));
        Assert.DoesNotContain("new0", IpWitness.Links(sandbox, node).Keys);
        Assert.DoesNotContain("peer0", IpWitness.Links(sandbox).Keys);
    }

    [KernelFact]
    public void Deleting_what_is_gone_fails_with_ENODEV_naming_it()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.Delete("ghost0")));

        Assert.Equal(Errors.ENODEV, e.Errno);
        Assert.StartsWith("deleting 'ghost0' in namespace 'host': ", e.Message);
    }

    [KernelFact]
    public void The_first_failure_of_a_batch_is_reported_with_its_own_context_after_the_rest_ran()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b
            .CreateBridge("ok0")
            .CreateBridge("ok0")
            .CreateBridge("ok1")));

        Assert.Equal(Errors.EEXIST, e.Errno);
        Assert.Equal("creating bridge 'ok0' in namespace 'host': File exists", e.Message);
        Assert.Contains("ok1", IpWitness.Links(sandbox).Keys);
    }

    [KernelFact]
    public void A_missing_namespace_is_an_error_that_names_it()
    {
        using var sandbox = new KernelSandbox();
        var missing = sandbox.Name("missing");

        var e = Assert.Throws<KernelException>(() => NetnsHandle.Open(sandbox.Namespaces.PathOf(missing), missing));

        Assert.Equal(Errors.ENOENT, e.Errno);
        Assert.Equal($"opening namespace '{missing}': No such file or directory", e.Message);
    }

    [KernelFact]
    public void The_kernels_own_words_come_back_with_an_unknown_link_kind()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        var batch = host.Channel.Batch();
        batch.Begin(RtnlTypes.NewLink, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, "creating 'odd0'");
        batch.Writer.Struct(new IfInfoMsg());
        batch.Writer.String(Ifla.IfName, "odd0");
        var info = batch.Writer.BeginNested(Ifla.LinkInfo);
        batch.Writer.String(Ifla.InfoKind, "no-such-kind");
        batch.Writer.EndNested(info);
        batch.End();

        var e = Assert.Throws<KernelException>(batch.Commit);

        Assert.Equal("Unknown device type", e.KernelMessage);
        Assert.Equal("creating 'odd0': Unknown device type", e.Message);
    }
}

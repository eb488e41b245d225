using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Tests.Rtnl;
using Topo.Testing.Kernel;
using static Topo.Linux.Tests.Execute.SessionSandbox;
using static Topo.Linux.Tests.Rtnl.VethTests;

namespace Topo.Linux.Tests.Execute;

public sealed class NamespaceAndLinkStepTests
{
    [KernelFact]
    public void A_namespace_is_made_with_its_loopback_up_and_marked_and_deleted()
    {
        using var s = new SessionSandbox();
        var name = s.Kernel.Name("ns");

        s.Session.Execute(Create(new NamespaceResource(name)));

        var lo = IpWitness.Link(s.Kernel, name, "lo");
        Assert.Equal(s.Mark, lo.GetProperty("ifalias").GetString());
        Assert.Contains("UP", Flags(lo));

        s.Session.Execute(Delete(new NamespaceResource(name)));

        Assert.False(s.Kernel.Namespaces.Exists(name));
    }

    [KernelFact]
    public void A_bridge_is_made_marked_with_its_settings_changed_in_place_and_deleted()
    {
        using var s = new SessionSandbox();
        var made = new BridgeResource(new LinkEnd(Netns.Host, "br0", Mtu: 1400, Mac: "02:00:00:00:0b:01"));

        s.Session.Execute(Create(made));

        var bridge = IpWitness.Link(s.Kernel, null, "br0");
        Assert.Equal(("bridge", s.Mark, 1400, "02:00:00:00:0b:01"), (
            bridge.GetProperty("linkinfo").GetProperty("info_kind").GetString(), bridge.GetProperty("ifalias").GetString(),
            bridge.GetProperty("mtu").GetInt32(), bridge.GetProperty("address").GetString()));
        Assert.Contains("UP", Flags(bridge));

        var changed = new BridgeResource(made.Device with { Mtu = 1300, Mac = "02:00:00:00:0b:02", Up = false });
        s.Session.Execute(Update(made, changed, ("mtu", "1400", "1300"), ("mac", "02:00:00:00:0b:01", "02:00:00:00:0b:02"), ("up", "true", "false")));

        bridge = IpWitness.Link(s.Kernel, null, "br0");
        Assert.Equal((1300, "02:00:00:00:0b:02"), (bridge.GetProperty("mtu").GetInt32(), bridge.GetProperty("address").GetString()));
        Assert.DoesNotContain("UP", Flags(bridge));

        s.Session.Execute(Delete(changed));

        Assert.DoesNotContain("br0", IpWitness.Links(s.Kernel).Keys);
    }

    [KernelFact]
    public void A_veth_pair_is_made_across_namespaces_marked_enslaved_hairpinned_and_up_then_changed_end_by_end_and_deleted()
    {
        using var s = new SessionSandbox();
        var node = s.Kernel.Name("n");
        s.Session.Execute(Create(new NamespaceResource(node)));
        s.Session.Execute(Create(new BridgeResource(new LinkEnd(Netns.Host, "br0"))));
        var made = VethResource.Of(
            new LinkEnd(node, "eth0", Mtu: 1450, Mac: "02:00:00:00:0e:00"),
            new LinkEnd(Netns.Host, "vn", Master: "br0", Mtu: 1450, Hairpin: true));
        Assert.Equal(Netns.Host, made.A.Namespace);

        s.Session.Execute(Create(made));

        var hostEnd = IpWitness.Link(s.Kernel, null, "vn");
        var nodeEnd = IpWitness.Link(s.Kernel, node, "eth0");
        Assert.Equal((s.Mark, s.Mark), (hostEnd.GetProperty("ifalias").GetString(), nodeEnd.GetProperty("ifalias").GetString()));
        Assert.Equal("br0", hostEnd.GetProperty("master").GetString());
        Assert.True(HairpinTests.HairpinSeen(s.Kernel, "vn"));
        Assert.Equal((1450, 1450), (hostEnd.GetProperty("mtu").GetInt32(), nodeEnd.GetProperty("mtu").GetInt32()));
        Assert.Equal("02:00:00:00:0e:00", nodeEnd.GetProperty("address").GetString());
        Assert.Contains("UP", Flags(hostEnd));
        Assert.Contains("UP", Flags(nodeEnd));

        var changed = VethResource.Of(made.B with { Mtu = 1400, Up = false }, made.A with { Hairpin = false });
        s.Session.Execute(Update(made, changed, ("a.hairpin", "true", "false"), ("b.mtu", "1450", "1400"), ("b.up", "true", "false")));

        Assert.False(HairpinTests.HairpinSeen(s.Kernel, "vn"));
        nodeEnd = IpWitness.Link(s.Kernel, node, "eth0");
        Assert.Equal(1400, nodeEnd.GetProperty("mtu").GetInt32());
        Assert.DoesNotContain("UP", Flags(nodeEnd));

        s.Session.Execute(Delete(changed));

        Assert.DoesNotContain("vn", IpWitness.Links(s.Kernel).Keys);
        Assert.DoesNotContain("eth0", IpWitness.Links(s.Kernel, node).Keys);
    }

    [KernelFact]
    public void A_failing_step_names_its_object_and_keeps_the_kernels_errno()
    {
        using var s = new SessionSandbox();
        var bridge = new BridgeResource(new LinkEnd(Netns.Host, "br0"));
        s.Session.Execute(Create(bridge));

        var e = Assert.Throws<KernelException>(() => s.Session.Execute(Create(bridge)));

        Assert.Equal(Errors.EEXIST, e.Errno);
        Assert.StartsWith("creating bridge br0: creating bridge 'br0' in namespace 'host'", e.Message);
    }

    [KernelFact]
    public void Waiting_after_a_namespace_deletion_returns_once_its_host_side_veth_end_is_gone()
    {
        using var s = new SessionSandbox();
        var node = s.Kernel.Name("w");
        s.Session.Execute(Create(new NamespaceResource(node)));
        var veth = VethResource.Of(new LinkEnd(node, "eth0"), new LinkEnd(Netns.Host, "vw"));
        s.Session.Execute(Create(veth));
        var deletion = Delete(new NamespaceResource(node));

        s.Session.Execute(deletion);
        s.Session.WaitUntilGone([deletion], new LabState(s.Lab, [new NamespaceResource(node), veth]));

        Assert.DoesNotContain("vw", IpWitness.Links(s.Kernel).Keys);
    }
}

using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Tests.Nftables;
using Topo.Linux.Tests.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Execute;

public sealed class WholePlanTests
{
    [KernelFact]
    public async Task A_docker_like_lab_is_built_from_nothing_converges_carries_traffic_and_goes_down_leaving_nothing()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        var hostLinksBefore = IpWitness.Links(s.Kernel).Keys.ToList();

        var applied = s.Apply(lab.Desired);

        Assert.Equal(lab.Desired.Resources.Length, applied.Steps.Length);
        Assert.Empty(s.PlanNow(lab.Desired).Steps);
        Assert.True(HairpinTests.HairpinSeen(s.Kernel, "vn2"));
        Assert.Equal("1", s.HostSysctl("net.ipv4.ip_forward"));

        using (var node1 = s.Kernel.Namespaces.Open(lab.Node1))
        using (var node2 = s.Kernel.Namespaces.Open(lab.Node2))
        {
            await using var service = new Greeter(node2, "n2", DockerLikeLab.ServicePort);
            Assert.Equal($"n2 saw {DockerLikeLab.Node1Ip}", await TcpProbe.Greeting(node1, DockerLikeLab.Node2Ip, DockerLikeLab.ServicePort));
            // Through the published port on the gateway: DNAT, then masqueraded so the reply comes back the same way.
            Assert.Equal($"n2 saw {DockerLikeLab.Gateway}", await TcpProbe.Greeting(node1, DockerLikeLab.Gateway, DockerLikeLab.PublishedPort));
        }

        var read = s.Session.Read(lab.Desired);
        var down = Planner.Plan(LabState.Empty(s.Lab), read);
        Assert.True(down.Ok);
        foreach (var step in down.Plan.Steps) s.Session.Execute(step);
        s.Session.WaitUntilGone(down.Plan.Steps, read);

        Assert.False(s.Kernel.Namespaces.Exists(lab.Node1));
        Assert.False(s.Kernel.Namespaces.Exists(lab.Node2));
        Assert.Equal(hostLinksBefore, IpWitness.Links(s.Kernel).Keys.ToList());
        Assert.DoesNotContain("topo-", s.Kernel.Witness("nft", "-j", "list", "tables"));
        Assert.Equal("0", s.HostSysctl("net.ipv4.ip_forward"));
        Assert.Empty(s.Session.ReadOwned().Resources);
    }

    [KernelFact]
    public void Everything_the_lab_marked_is_found_without_the_file_and_a_down_from_it_leaves_nothing()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        s.Apply(lab.Desired);

        var owned = s.Session.ReadOwned();

        // Addresses and routes inside the lab's namespaces go with them: down does not read them.
        var outsideNodes = lab.Desired.Resources.Where(r => r is not (AddressResource or RouteResource) || r.Namespace.IsHost);
        Assert.Equal(outsideNodes.Select(r => r.Key).Order(), owned.Resources.Select(r => r.Key).Order());
        Assert.All(owned.Resources, r => Assert.Equal(s.Lab, r.Owner));

        var down = Planner.Plan(LabState.Empty(s.Lab), owned).Plan;
        foreach (var step in down.Steps) s.Session.Execute(step);
        s.Session.WaitUntilGone(down.Steps, owned);

        Assert.Equal(["lo"], IpWitness.Links(s.Kernel).Keys.ToList());
        Assert.Equal("0", s.HostSysctl("net.ipv4.ip_forward"));
        Assert.Empty(s.Session.ReadOwned().Resources);
    }

    [KernelFact]
    public void An_address_deleted_by_hand_is_the_only_drift_and_executing_the_plan_converges()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        s.Apply(lab.Desired);

        // The gateway's: a node's own address would take the node's default route with it (the kernel drops routes through it).
        var gateway = lab.Desired.Resources.OfType<AddressResource>().Single(a => a.Ns.IsHost);
        s.Kernel.Witness("ip", "addr", "del", gateway.Cidr, "dev", "br0");
        var drift = s.PlanNow(lab.Desired);

        var step = Assert.Single(drift.Steps);
        Assert.Equal((ChangeAction.Create, (Resource)gateway), (step.Action, step.After));

        s.Session.Execute(step);

        Assert.Empty(s.PlanNow(lab.Desired).Steps);
        Assert.Equal([gateway.Cidr], IpWitness.Addresses(s.Kernel, null, "br0"));
    }

    [KernelFact]
    public void A_pair_whose_placed_end_a_crash_left_unmarked_is_the_labs_and_the_plan_marks_that_end()
    {
        using var s = new SessionSandbox();
        var node = s.Kernel.Name("c");
        s.Session.Execute(SessionSandbox.Create(new NamespaceResource(node)));
        using (var thread = s.Kernel.Namespaces.Open(node))
        using (var handle = Topo.Linux.Namespaces.NetnsHandle.Of(thread))
        using (var host = Topo.Linux.Rtnl.RtnlClient.Open(s.Kernel.Host, "host"))
        {
            host.Apply(b => b.CreateVeth(new Topo.Linux.Rtnl.VethEnd("vc"), new Topo.Linux.Rtnl.VethEnd("eth0", handle)).SetAlias("vc", Ownership.Mark(s.Lab)));
        }

        var pair = Assert.Single(s.Session.ReadOwned().Resources.OfType<VethResource>());
        var desired = new LabState(s.Lab, [new NamespaceResource(node), VethResource.Of(new LinkEnd("", "vc", Up: null), new LinkEnd(node, "eth0", Up: null))]);
        s.Apply(desired);

        Assert.Equal(("vc", s.Lab), (pair.A.Name, pair.Owner));
        Assert.Equal("topo:" + s.Lab, IpWitness.Link(s.Kernel, node, "eth0").GetProperty("ifalias").GetString());
        Assert.True(s.PlanNow(desired).IsEmpty);
    }
}

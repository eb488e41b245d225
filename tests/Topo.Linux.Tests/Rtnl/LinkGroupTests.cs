using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>Link groups, which the fast deletion path puts interfaces in so that one request deletes them all.</summary>
public sealed class LinkGroupTests
{
    // Not in Errors: no product code handles it by number, but the kernel gives it for a group holding lo.
    private const int EOPNOTSUPP = 95;

    [KernelFact]
    public void SetGroup_puts_the_interface_of_that_index_in_the_group_and_leaves_its_peer_in_group_0()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateVeth(new VethEnd("ga0"), new VethEnd("gb0")));
        var index = host.IndexOf("ga0")!.Value;

        host.Apply(b => b.SetGroup(index, "ga0", 70001));

        var links = host.Links().ToDictionary(l => l.Name);
        Assert.Equal(70001u, links["ga0"].Group);
        Assert.Equal(0u, links["gb0"].Group);
        Assert.Equal("70001", Group(IpWitness.Link(sandbox, null, "ga0")));
        Assert.Equal("default", Group(IpWitness.Link(sandbox, null, "gb0")));
    }

    [KernelFact]
    public void DeleteGroup_deletes_exactly_the_groups_members_here_and_their_peers_wherever_they_are()
    {
        using var sandbox = new KernelSandbox();
        var node = sandbox.Name("n");
        using var nodeThread = sandbox.Namespaces.Create(node);
        using var nodeHandle = NetnsHandle.Of(nodeThread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(nodeThread);
        host.Apply(b => b
            .CreateVeth(new VethEnd("m1"), new VethEnd("p1", nodeHandle))
            .CreateVeth(new VethEnd("m2"), new VethEnd("p2", nodeHandle))
            .CreateVeth(new VethEnd("o1"), new VethEnd("o2"))
            .CreateBridge("obr0"));
        // The same number in another namespace is another group: deleting the host's must leave it.
        inNode.Apply(b => b.CreateBridge("nbr0"));
        inNode.Apply(b => b.SetGroup(inNode.IndexOf("nbr0")!.Value, "nbr0", 70002));
        host.Apply(b => b
            .SetGroup(host.IndexOf("m1")!.Value, "m1", 70002)
            .SetGroup(host.IndexOf("m2")!.Value, "m2", 70002));

        host.Apply(b => b.DeleteGroup(70002));

        var hostLinks = IpWitness.Links(sandbox).Keys.Order().ToList();
        Assert.Equal(["lo", "o1", "o2", "obr0"], hostLinks);
        Assert.Equal(["lo", "nbr0"], IpWitness.Links(sandbox, node).Keys.Order().ToList());
        Assert.Equal("70002", Group(IpWitness.Link(sandbox, node, "nbr0")));
    }

    [KernelFact]
    public void DeleteGroup_of_a_group_no_interface_has_is_refused_with_ENODEV_naming_the_group()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0"));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.DeleteGroup(70003)));

        Assert.Equal(Errors.ENODEV, e.Errno);
        Assert.StartsWith("deleting link group 70003 in namespace 'host': ", e.Message, StringComparison.Ordinal);
        Assert.Contains("br0", IpWitness.Links(sandbox).Keys);
    }

    [KernelFact]
    public void DeleteGroup_of_group_0_where_every_interface_starts_is_refused_with_EPERM_and_deletes_nothing()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0").CreateVeth(new VethEnd("v0"), new VethEnd("v1")));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.DeleteGroup(0)));

        Assert.Equal(Errors.EPERM, e.Errno);
        Assert.StartsWith("deleting link group 0 in namespace 'host': ", e.Message, StringComparison.Ordinal);
        Assert.Equal(["br0", "lo", "v0", "v1"], IpWitness.Links(sandbox).Keys.Order().ToList());
    }

    [KernelFact]
    public void A_group_holding_lo_is_refused_whole_with_EOPNOTSUPP_and_none_of_its_members_go()
    {
        using var sandbox = new KernelSandbox();
        using var host = RtnlClient.Open(sandbox.Host, "host");
        host.Apply(b => b.CreateBridge("br0").CreateVeth(new VethEnd("v0"), new VethEnd("v1")));
        host.Apply(b => b
            .SetGroup(host.IndexOf("lo")!.Value, "lo", 70004)
            .SetGroup(host.IndexOf("br0")!.Value, "br0", 70004)
            .SetGroup(host.IndexOf("v0")!.Value, "v0", 70004));

        var e = Assert.Throws<KernelException>(() => host.Apply(b => b.DeleteGroup(70004)));

        Assert.Equal(EOPNOTSUPP, e.Errno);
        Assert.Equal(["br0", "lo", "v0", "v1"], IpWitness.Links(sandbox).Keys.Order().ToList());
    }

    private static string? Group(System.Text.Json.JsonElement link) => link.GetProperty("group").GetString();
}

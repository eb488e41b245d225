using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Tests.Planning;

public sealed class LingeringEndsTests
{
    private static readonly VethResource IntoBox1 = VethResource.Of(new LinkEnd("box1", "eth0"), new LinkEnd(Netns.Host, "h1"));
    private static readonly VethResource IntoBox2 = VethResource.Of(new LinkEnd("box2", "eth0"), new LinkEnd(Netns.Host, "h2"));
    private static readonly VethResource BetweenBoxes = VethResource.Of(new LinkEnd("box1", "eth1"), new LinkEnd("box2", "eth1"));
    private static readonly VethResource OnHost = VethResource.Of(new LinkEnd(Netns.Host, "a"), new LinkEnd(Netns.Host, "b"));

    private static readonly MacvlanResource OnBox2Parent = new(new LinkEnd(Netns.Host, "mv0"), new ResourceKey(ResourceKind.Link, "box2", "eth0"), MacvlanResource.BridgeMode);

    private static readonly LabState State = new("lab", [new NamespaceResource("box1"), new NamespaceResource("box2"), IntoBox1, IntoBox2, BetweenBoxes, OnHost, OnBox2Parent]);

    private static Change Deleted(Netns ns) => new(ChangeAction.Delete, new NamespaceResource(ns.Id), null, []);

    [Fact]
    public void The_host_waits_for_the_ends_whose_peers_were_in_a_deleted_namespace_only()
    {
        Assert.Equal(["h1"], LingeringEnds.In(Netns.Host, State, [Deleted("box1")]));
        Assert.Equal(["h1", "h2", "mv0"], LingeringEnds.In(Netns.Host, State, [Deleted("box1"), Deleted("box2")]).Order());
    }

    [Fact]
    public void A_macvlan_whose_parent_was_in_a_deleted_namespace_is_waited_for()
    {
        Assert.Equal(["h2", "mv0"], LingeringEnds.In(Netns.Host, State, [Deleted("box2")]).Order());
    }

    [Fact]
    public void A_surviving_namespace_waits_for_its_ends_and_a_deleted_one_for_none()
    {
        Assert.Equal(["eth1"], LingeringEnds.In("box2", State, [Deleted("box1")]));
        Assert.Empty(LingeringEnds.In("box1", State, [Deleted("box1")]));
    }

    [Fact]
    public void Steps_that_delete_no_namespace_leave_nothing_to_wait_for()
    {
        var other = new Change(ChangeAction.Delete, OnHost, null, []);
        var created = new Change(ChangeAction.Create, null, new NamespaceResource("box1"), []);

        Assert.Empty(LingeringEnds.In(Netns.Host, State, [other, created]));
    }
}

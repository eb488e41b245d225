using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Planning;

public sealed class StatusReportTests
{
    private const string Lab = "demo";

    private static T Owned<T>(T r) where T : Resource => r with { Owner = Lab };

    [Fact]
    public void Each_object_is_in_sync_missing_different_or_extra()
    {
        var ns = Owned(new NamespaceResource("box1"));
        var bridge = Owned(new BridgeResource(new LinkEnd(Netns.Host, "br0", Mtu: 1400)));
        var address = Owned(new AddressResource("box1", "eth0", "10.0.0.2/24"));
        var stray = Owned(new AddressResource(Netns.Host, "br0", "10.9.9.9/24"));
        var desired = new LabState(Lab, [ns, bridge, address]);
        var actual = new LabState(Lab, [ns, bridge with { Device = bridge.Device with { Mtu = 1500 } }, stray]);

        var report = StatusReport.Of(desired, Planner.Plan(desired, actual));

        Assert.False(report.InSync);
        Assert.Equal(ObjectState.InSync, report.Rows.Single(r => r.Resource.Key == ns.Key).State);
        var different = report.Rows.Single(r => r.Resource.Key == bridge.Key);
        Assert.Equal(ObjectState.Different, different.State);
        Assert.Equal([new AttrChange("mtu", "1500", "1400")], different.Differences.ToArray());
        Assert.Equal(ObjectState.Missing, report.Rows.Single(r => r.Resource.Key == address.Key).State);
        Assert.Equal(ObjectState.Extra, report.Rows.Single(r => r.Resource.Key == stray.Key).State);
        Assert.Equal(4, report.Rows.Length);
    }

    [Fact]
    public void A_foreign_object_in_the_way_is_a_conflict_with_its_message()
    {
        var ns = Owned(new NamespaceResource("box1"));
        var desired = new LabState(Lab, [ns]);
        var actual = new LabState(Lab, [new NamespaceResource("box1")]);

        var row = Assert.Single(StatusReport.Of(desired, Planner.Plan(desired, actual)).Rows);

        Assert.Equal(ObjectState.Conflict, row.State);
        Assert.Contains("not owned by this lab", row.Note);
    }

    [Fact]
    public void A_lab_that_matches_is_in_sync()
    {
        var desired = new LabState(Lab, [Owned(new NamespaceResource("box1")), Owned(new SysctlResource("box1", "net.ipv4.ip_forward", "1"))]);

        Assert.True(StatusReport.Of(desired, Planner.Plan(desired, desired)).InSync);
    }
}

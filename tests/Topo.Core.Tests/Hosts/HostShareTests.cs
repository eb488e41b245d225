using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Tests.Schema;
using Xunit;

namespace Topo.Core.Tests.Hosts;

/// <summary>Each machine's share of a lab that spans several: the same file gives every machine its own part, and only that.</summary>
public sealed class HostShareTests
{
    private static readonly Topo.Core.Validation.ValidatedLab Lab = LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, "08-overlay.yaml")).Lab!;

    private static IEnumerable<string> Keys(string host) => Lab.Shares[host].Resources.Select(r => r.Describe(NamespaceNames.Plain));

    [Fact]
    public void Each_host_holds_its_own_nodes_only()
    {
        Assert.Equal(["c1", "web"], Lab.Shares["h1"].Resources.OfType<NamespaceResource>().Select(n => n.Name));
        Assert.Equal(["c2"], Lab.Shares["h2"].Resources.OfType<NamespaceResource>().Select(n => n.Name));
    }

    [Fact]
    public void An_overlay_is_a_bridge_and_a_vxlan_on_each_host_with_a_node_on_it()
    {
        foreach (var (host, underlay) in new[] { ("h1", "192.0.2.11"), ("h2", "192.0.2.12") })
        {
            var share = Lab.Shares[host];
            Assert.Contains(share.Resources, r => r is BridgeResource { Device.Name: "ov0" });
            var vxlan = Assert.Single(share.Resources.OfType<VxlanResource>(), v => v.Device.Name == "vxov0");
            Assert.Equal(("ov0", underlay, (string?)null, 1450), (vxlan.Device.Master, vxlan.Local, vxlan.Remote, vxlan.Device.Mtu));
            Assert.DoesNotContain(share.Resources, r => r is AddressResource { Device: "ov0" });
            var other = host == "h1" ? "192.0.2.12" : "192.0.2.11";
            Assert.Equal([("vxov0", FdbResource.AllZeroMac, other)], share.Resources.OfType<FdbResource>().Select(f => (f.Device, f.Mac, f.Destination)));
        }

        Assert.Equal(Lab.Shares["h1"].Resources.OfType<VxlanResource>().Single(v => v.Device.Name == "vxov0").Vni,
            Lab.Shares["h2"].Resources.OfType<VxlanResource>().Single(v => v.Device.Name == "vxov0").Vni);
    }

    [Fact]
    public void A_link_between_hosts_is_a_vxlan_at_each_end_tunnelled_between_the_underlays()
    {
        var h1 = Lab.Shares["h1"].Resources.OfType<VxlanResource>().Single(v => v.Device.Name == "eth1");
        var h2 = Lab.Shares["h2"].Resources.OfType<VxlanResource>().Single(v => v.Device.Name == "eth1");
        Assert.Equal(("c1", "192.0.2.11", "192.0.2.12"), (h1.Device.Namespace.Id, h1.Local, h1.Remote));
        Assert.Equal(("c2", "192.0.2.12", "192.0.2.11"), (h2.Device.Namespace.Id, h2.Local, h2.Remote));
        Assert.Equal(h1.Vni, h2.Vni);
        Assert.DoesNotContain(Lab.Shares["h1"].Resources, r => r is VethResource v && v.Interfaces.Any(e => e.Name == "eth1"));
    }

    [Fact]
    public void Addresses_are_the_whole_labs_so_both_hosts_agree()
    {
        Assert.Contains("address 10.0.9.2/24 on c1:eth0", Keys("h1"));
        Assert.Contains("address 10.0.9.3/24 on c2:eth0", Keys("h2"));
        Assert.Contains("address 10.1.0.1/24 on host:br1", Keys("h1"));
        Assert.DoesNotContain(Keys("h2"), k => k.Contains("br1", StringComparison.Ordinal));
    }

    [Fact]
    public void A_node_on_an_overlay_only_gets_no_default_route_through_it()
    {
        Assert.DoesNotContain(Lab.Shares["h2"].Resources.OfType<RouteResource>(), r => r.Ns.Id == "c2" && r.To == "default");
        Assert.Contains(Lab.Shares["h1"].Resources.OfType<RouteResource>(), r => r.Ns.Id == "web" && r.To == "default");
    }

    [Fact]
    public void A_host_takes_the_checks_from_its_own_nodes()
    {
        Assert.Equal(["c1", "c1"], Lab.On("h1").Checks.Select(c => c.FromText));
        Assert.Equal(["c2", "c2"], Lab.On("h2").Checks.Select(c => c.FromText));
    }
}

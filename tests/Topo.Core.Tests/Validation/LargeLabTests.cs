using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Validation;

public sealed class LargeLabTests
{
    /// <summary>
    /// 5,000 nodes on five /16 bridges of 1,000 (a bridge takes 1,023 ports): IPAM and name checks must be
    /// linear (the lab validates in a fraction of a second).
    /// </summary>
    [Fact]
    public void Five_thousand_nodes_on_five_bridges_validate_with_every_resource()
    {
        var lab = new LabBuilder().Lab("big").Bridge("br0", subnet: "10.0.0.0/16", masquerade: true);
        for (var b = 1; b < 5; b++) lab.Bridge($"br{b}", subnet: $"10.{b}.0.0/16");
        for (var i = 0; i < 5000; i++) lab.Node($"n{i}", ports: i < 100 ? [$"{10000 + i}:80"] : null);
        for (var i = 0; i < 5000; i++) lab.Link($"n{i}:eth0", $"br{i / 1000}");
        lab.Check("n0", "n4999");

        var valid = lab.Valid();

        var resources = valid.Desired.Resources;
        Assert.Equal(5000, resources.OfType<NamespaceResource>().Count());
        Assert.Equal(5000, resources.OfType<VethResource>().Count());
        Assert.Equal(5005, resources.OfType<AddressResource>().Count());
        Assert.Equal(5000, resources.OfType<RouteResource>().Count());
        Assert.Equal(2 + 200, Assert.Single(resources.OfType<NftTableResource>()).Rules.Length);
        Assert.Equal("10.4.3.233/16", resources.OfType<AddressResource>().Last().Cidr);
        Assert.Equal("10.4.3.233", Assert.Single(valid.Checks).Address);
    }
}

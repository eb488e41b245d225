using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Kinds;

namespace Topo.Linux.Tests.Kinds;

public class KindDriverTests
{
    public static TheoryData<string> ResourceTypes() =>
        [.. typeof(Resource).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Resource)) && !t.IsAbstract).Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(ResourceTypes))]
    public void Every_resource_type_has_a_driver(string type)
    {
        Assert.Contains(type, KindDrivers.All.Select(d => d.ResourceType.FullName));
    }

    [Fact]
    public void Each_kind_has_one_driver_and_each_link_kind_one_reader()
    {
        var types = KindDrivers.All.Select(d => d.ResourceType).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.Equal(ResourceTypes().Count, types.Count);
        var linkKinds = KindDrivers.All.OfType<ILinkKindReader>().Select(r => r.LinkKind).ToList();
        Assert.Equal(linkKinds.Count, linkKinds.Distinct().Count());
        Assert.Equal(["bridge", "dummy", "ipvlan", "macvlan", "veth", "vlan", "vxlan"], linkKinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_kind_read_from_a_link_names_its_interfaces()
    {
        // inspect and export show the interfaces a resource names: a link kind that names none would vanish from both.
        var read = KindDrivers.All.Where(d => d is ILinkKindReader).Select(d => d.ResourceType).Append(typeof(OtherLinkResource)).ToList();
        Assert.All(read, t => Assert.NotEqual(typeof(Resource), t.GetProperty(nameof(Resource.Interfaces))!.DeclaringType));
    }

    [Fact]
    public void A_kind_topo_does_not_make_is_read_by_no_driver()
    {
        Assert.Null(KindDrivers.ForLink("bond"));
        Assert.Null(KindDrivers.ForLink(null));
        Assert.IsType<VethDriver>(KindDrivers.ForLink("veth"));
    }
}

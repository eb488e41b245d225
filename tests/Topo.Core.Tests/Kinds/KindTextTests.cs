using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Kinds;

public class KindTextTests
{
    public static TheoryData<string> ResourceTypes() =>
        [.. typeof(Resource).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Resource)) && !t.IsAbstract).Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(ResourceTypes))]
    public void Every_resource_type_has_a_text_part(string type)
    {
        Assert.Contains(type, KindTexts.All.Select(t => t.ResourceType.FullName));
    }

    [Fact]
    public void The_registry_holds_each_kind_once_and_only_resource_kinds()
    {
        var types = KindTexts.All.Select(t => t.ResourceType).ToList();
        Assert.Equal(types.Count, types.Distinct().Count());
        Assert.All(types, t => Assert.True(t.IsSubclassOf(typeof(Resource)), t.Name));
        Assert.Equal(ResourceTypes().Count, types.Count);
    }
}

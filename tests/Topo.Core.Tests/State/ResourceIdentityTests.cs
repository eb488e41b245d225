using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.State;

public sealed class ResourceIdentityTests
{
    [Fact]
    public void A_veth_pair_has_one_key_whichever_end_comes_first()
    {
        var node = new LinkEnd("box1", "eth0");
        var host = new LinkEnd(Netns.Host, "veth1a2b3c4d", Master: "docker0");

        var fromFile = VethResource.Of(node, host);
        var fromKernel = VethResource.Of(host, node);

        Assert.Equal(fromFile.Key, fromKernel.Key);
        Assert.Equal(new ResourceKey(ResourceKind.Link, Netns.Host, "veth1a2b3c4d"), fromFile.Key);
        Assert.Equal([new ResourceKey(ResourceKind.Link, "box1", "eth0")], fromFile.ExtraClaims);
    }

    [Fact]
    public void A_veth_end_depends_on_its_namespace_and_its_bridge()
    {
        var veth = VethResource.Of(new LinkEnd("box1", "eth0"), new LinkEnd(Netns.Host, "vethx", Master: "docker0"));

        Assert.Equal(
            [
                new ResourceKey(ResourceKind.Namespace, Netns.Host, "box1"),
                new ResourceKey(ResourceKind.Link, Netns.Host, "docker0"),
            ],
            veth.Dependencies.Order().ToArray());
    }

    [Theory]
    [InlineData("topo:dockerish", "dockerish")]
    [InlineData("topo:", null)]
    [InlineData("docker bridge", null)]
    [InlineData(null, null)]
    public void The_alias_mark_names_the_owning_lab(string? alias, string? lab) =>
        Assert.Equal(lab, Ownership.LabOf(alias));
}

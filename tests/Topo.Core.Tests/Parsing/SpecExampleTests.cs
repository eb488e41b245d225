using Topo.Core.Model;
using Topo.Core.Parsing;

namespace Topo.Core.Tests.Parsing;

public sealed class SpecExampleTests
{
    private static LabFile Lab()
    {
        var result = LabParser.Parse(SpecExample.Text);
        Assert.Empty(result.Diagnostics);
        Assert.True(result.Ok);
        return result.Lab!;
    }

    [Fact]
    public void The_top_level_values_and_their_marks()
    {
        var lab = Lab();

        Assert.Equal(new Located<int>(1, new SourceMark(2, 10)), lab.Version);
        Assert.Equal(new Located<string>("dockerish", new SourceMark(3, 6)), lab.Lab);
        // Explicit element types: ImmutableArray's own Equals compares array references.
        Assert.Equal<SysctlSpec>(
            [new SysctlSpec(new("net.ipv4.ip_forward", new(7, 5)), new("1", new(7, 26)))],
            lab.Host.Sysctls);
        Assert.Empty(lab.Host.Routes);
    }

    [Fact]
    public void Bridges_keep_every_field_with_its_mark()
    {
        var lab = Lab();

        Assert.Equal(["docker0", "personal"], lab.Bridges.Select(b => b.Name.Value));
        var docker0 = lab.Bridges[0];
        Assert.Equal(new SourceMark(10, 3), docker0.Name.Mark);
        Assert.Equal(new Located<string>("172.17.0.0/16", new SourceMark(11, 13)), docker0.Subnet);
        Assert.Equal(new Located<bool>(true, new SourceMark(12, 17)), docker0.Masquerade);
        Assert.Null(docker0.IpRange);
        Assert.Null(docker0.Isolated);

        var personal = lab.Bridges[1];
        Assert.Equal("172.21.240.0/20", personal.IpRange?.Value);
        Assert.Equal(new Located<bool>(true, new SourceMark(17, 15)), personal.Isolated);
        Assert.Null(personal.Mtu);
    }

    [Fact]
    public void Nodes_with_ports_sysctls_and_routes()
    {
        var lab = Lab();

        Assert.Equal(["box1", "box2", "pbox1", "web", "router"], lab.Nodes.Select(n => n.Name.Value));
        Assert.True(lab.Nodes[0].Ports.IsEmpty && lab.Nodes[0].Sysctls.IsEmpty && lab.Nodes[0].Routes.IsEmpty);
        Assert.Equal<Located<string>>([new Located<string>("8080:80/tcp", new SourceMark(24, 13))], lab.Nodes[3].Ports);

        var router = lab.Nodes[4];
        Assert.Equal(new SourceMark(25, 3), router.Name.Mark);
        Assert.Equal("net.ipv4.ip_forward", router.Sysctls.Single().Key.Value);
        var route = router.Routes.Single();
        Assert.Equal(new SourceMark(28, 9), route.Mark);
        Assert.Equal(new Located<string>("10.9.0.0/16", new SourceMark(28, 14)), route.To);
        Assert.Equal("10.100.0.2", route.Via?.Value);
        Assert.Null(route.Dev);
    }

    [Fact]
    public void Short_and_long_links()
    {
        var lab = Lab();

        Assert.Equal(5, lab.Links.Length);
        var first = lab.Links[0];
        Assert.Equal(new SourceMark(31, 5), first.Mark);
        Assert.Equal<Located<string>>(
            [new Located<string>("box1:eth0", new(31, 6)), new Located<string>("docker0", new(31, 17))],
            first.Endpoints);
        Assert.True(first.Addresses.IsEmpty && first.Macs.IsEmpty);
        Assert.Null(first.Mtu);

        var routed = lab.Links[4];
        Assert.Equal(new SourceMark(35, 5), routed.Mark);
        Assert.Equal(["router:eth1", "host:vr1"], routed.Endpoints.Select(e => e.Value));
        Assert.Equal(new Located<int>(1400, new SourceMark(39, 10)), routed.Mtu);
        Assert.Equal(["router:eth1", "host:vr1"], routed.Addresses.Select(a => a.Endpoint.Value));
        Assert.Equal<Located<string>>([new Located<string>("10.100.0.1/24", new(37, 21))], routed.Addresses[0].Cidrs);
    }

    [Fact]
    public void Checks_keep_their_optional_fields_as_written()
    {
        var lab = Lab();

        Assert.Equal(4, lab.Checks.Length);
        Assert.Equal(["box1", "box1", "pca", "box1"], lab.Checks.Select(c => c.From.Value));
        Assert.Equal(["reach", "no-reach", "reach", "reach"], lab.Checks.Select(c => c.Expect.Value));
        Assert.Equal(new Located<string>("host:8080", new SourceMark(44, 21)), lab.Checks[2].To);
        Assert.Equal("tcp", lab.Checks[2].Proto?.Value);
        Assert.Null(lab.Checks[0].Proto);
        Assert.Null(lab.Checks[0].Timeout);
    }
}

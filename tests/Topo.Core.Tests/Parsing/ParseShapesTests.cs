using Topo.Core.Model;
using Topo.Core.Parsing;

namespace Topo.Core.Tests.Parsing;

public sealed class ParseShapesTests
{
    private const string Header = "version: 1\nlab: demo\n";

    private static LabFile Parse(string body)
    {
        var result = LabParser.Parse(Header + body);
        Assert.Equal([], result.Diagnostics.Select(d => d.Format("t.yaml")));
        return result.Lab!;
    }

    private static string Errors(string body) =>
        string.Join("\n", LabParser.Parse(Header + body).Diagnostics.Select(d => d.Format("t.yaml")));

    [Fact]
    public void The_smallest_lab_has_empty_collections_and_an_empty_host()
    {
        var lab = Parse("");

        Assert.Equal(1, lab.Version.Value);
        Assert.Equal("demo", lab.Lab.Value);
        Assert.Same(HostSpec.Empty, lab.Host);
        Assert.True(lab.Bridges.IsEmpty && lab.Nodes.IsEmpty && lab.Links.IsEmpty && lab.Checks.IsEmpty);
    }

    [Fact]
    public void An_empty_value_is_an_empty_node_bridge_or_collection()
    {
        var lab = Parse("host:\nbridges:\n  br0:\nnodes:\n  box1:\n  box2: {}\n  box3:\n    ports:\nlinks:\nchecks:\n");

        Assert.Same(HostSpec.Empty, lab.Host);
        Assert.Equal(new BridgeSpec(new("br0", new(5, 3)), null, null, null, null, null, null, null, null), lab.Bridges.Single());
        Assert.Equal(["box1", "box2", "box3"], lab.Nodes.Select(n => n.Name.Value));
        Assert.All(lab.Nodes, n => Assert.True(n.Ports.IsEmpty && n.Routes.IsEmpty && n.Sysctls.IsEmpty));
        Assert.Equal(new SourceMark(7, 3), lab.Nodes[0].Name.Mark);
    }

    [Fact]
    public void A_single_address_is_a_list_of_one_and_macs_are_per_endpoint()
    {
        var lab = Parse("""
            links:
              - endpoints: [a:eth0, b:eth0]
                addresses: {a:eth0: 10.0.0.1/24, b:eth0: [10.0.0.2/24, fd00::2/64]}
                mac: {a:eth0: "02:00:00:00:00:01"}
            """);

        var link = lab.Links.Single();
        Assert.Equal([["10.0.0.1/24"], ["10.0.0.2/24", "fd00::2/64"]], link.Addresses.Select(a => a.Cidrs.Select(c => c.Value)));
        Assert.Equal(new EndpointMac(new("a:eth0", new(6, 11)), new("02:00:00:00:00:01", new(6, 19))), link.Macs.Single());
    }

    [Fact]
    public void Ports_sysctls_and_timeouts_keep_the_text_as_written()
    {
        var lab = Parse("""
            nodes:
              web:
                ports: [8080:80, "127.0.0.1:53:53/udp"]
                sysctls: {net.ipv4.tcp_congestion_control: "bbr", net.ipv4.ip_forward: 1}
            checks:
              - {from: web, to: host, expect: reach, timeout: 2}
              - {from: web, to: host, expect: reach, timeout: 500ms, proto: udp}
            """);

        var web = lab.Nodes.Single();
        Assert.Equal(["8080:80", "127.0.0.1:53:53/udp"], web.Ports.Select(p => p.Value));
        Assert.Equal(["bbr", "1"], web.Sysctls.Select(s => s.Value.Value));
        Assert.Equal(["2", "500ms"], lab.Checks.Select(c => c.Timeout?.Value));
    }

    [Fact]
    public void Routes_may_go_to_default_through_a_device()
    {
        var lab = Parse("host:\n  routes:\n    - to: default\n      dev: vr1\n");

        var route = lab.Host.Routes.Single();
        Assert.Equal(new SourceMark(5, 7), route.Mark);
        Assert.Equal("default", route.To.Value);
        Assert.Equal(new Located<string>("vr1", new(6, 12)), route.Dev);
        Assert.Null(route.Via);
    }

    [Fact]
    public void Integers_may_be_negative_and_booleans_false()
    {
        var lab = Parse("bridges:\n  br0: {mtu: -1, masquerade: false}\n");

        Assert.Equal(-1, lab.Bridges[0].Mtu?.Value);
        Assert.False(lab.Bridges[0].Masquerade?.Value);
    }

    [Fact]
    public void A_quoted_number_is_a_fine_string()
    {
        var lab = Parse("nodes:\n  \"123\": {}\nlinks:\n  - ['1', \"2\"]\n");

        Assert.Equal("123", lab.Nodes.Single().Name.Value);
        Assert.Equal(["1", "2"], lab.Links.Single().Endpoints.Select(e => e.Value));
    }

    [Theory]
    [InlineData("bridges: {br0: {ipRange: x}}", "t.yaml:3:17: bridges.br0: unknown key 'ipRange': did you mean 'ip_range'?")]
    [InlineData("bridges: {br0: {masqerade: true}}", "t.yaml:3:17: bridges.br0: unknown key 'masqerade': did you mean 'masquerade'?")]
    [InlineData("host: {routes: [{ab: x, to: default}]}", "t.yaml:3:18: host.routes[0]: unknown key 'ab': the keys here are to, via, dev")]
    [InlineData("host: {routes: [{tp: x, to: default}]}", "t.yaml:3:18: host.routes[0]: unknown key 'tp': did you mean 'to'?")]
    [InlineData("Nodes: {}", "t.yaml:3:1: unknown key 'Nodes': did you mean 'nodes'?")]
    public void Unknown_keys_suggest_only_near_misses(string body, string expected) =>
        Assert.Equal(expected, Errors(body));

    [Theory]
    [InlineData("lab: demo2", "t.yaml:3:1: duplicate key 'lab': it is already defined at line 2")]
    [InlineData("links: [[a, b], 7]", "t.yaml:3:17: links[1]: expected a link ([A, B] or a mapping with 'endpoints:'), got '7'")]
    [InlineData("checks: [~]", "t.yaml:3:10: checks[0]: expected a mapping, got null")]
    [InlineData("bridges: {br0: {subnet: }}", "t.yaml:3:25: bridges.br0.subnet: expected a string, got nothing")]
    [InlineData("bridges: {br0: {mtu: 1.5}}", "t.yaml:3:22: bridges.br0.mtu: expected an integer, got '1.5'")]
    [InlineData("bridges: {br0: {isolated: True}}", "t.yaml:3:27: bridges.br0.isolated: expected true or false, got 'True'")]
    [InlineData("links: [{endpoints: a:eth0}]", "t.yaml:3:21: links[0].endpoints: expected a list of 2 endpoints, got 'a:eth0'")]
    [InlineData("links: [[a, [b]]]", "t.yaml:3:13: links[0][1]: expected a string, got a list")]
    [InlineData("nodes: {? [a, b]: {}}", "t.yaml:3:11: nodes: a key must be a name, got a list")]
    public void Wrong_shapes_are_named_with_their_path(string body, string expected) =>
        Assert.Equal(expected, Errors(body));

    [Fact]
    public void Errors_in_a_flow_mapping_on_one_line_come_in_column_order()
    {
        var diagnostics = LabParser.Parse(Header + "bridges: {br0: {mtu: x, isolated: y, masquerade: z}}").Diagnostics;

        Assert.Equal([22, 35, 50], diagnostics.Select(d => d.Mark.Column));
        Assert.All(diagnostics, d => Assert.Equal(3, d.Mark.Line));
    }

    [Fact]
    public void A_file_with_errors_gives_no_lab()
    {
        var result = LabParser.Parse(Header + "nodes: [box1]");

        Assert.Null(result.Lab);
        Assert.False(result.Ok);
        Assert.Single(result.Diagnostics);
    }
}

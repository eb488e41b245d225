namespace Topo.Core.Tests.Schema;

public sealed class BadDocumentTests
{
    // Each case is the smallest file that is wrong in one way, and the one place the schema
    // must point at. All errors must be at that place: a stray second error would mean the
    // schema blames something the user wrote correctly.
    [Theory]
    [InlineData("unknown top-level key", "nodez: {}", "/nodez")]
    [InlineData("unknown key in a bridge", "bridges: {br0: {subnett: 10.0.0.0/24}}", "/bridges/br0/subnett")]
    [InlineData("lab name too long", "", "/lab", "lab: abcdefghijklm")]
    [InlineData("lab name with capitals", "", "/lab", "lab: Lab")]
    [InlineData("version 2", "", "/version", "version: 2")]
    [InlineData("version as a string", "", "/version", "version: \"1\"")]
    [InlineData("bad MAC on a bridge", "bridges: {br0: {mac: '02:42:ac:11:00'}}", "/bridges/br0/mac")]
    [InlineData("multicast MAC on a link end", "links: [{endpoints: [a:eth0, b:eth0], mac: {a:eth0: '01:00:5e:00:00:01'}}]", "/links/0/mac/a:eth0")]
    [InlineData("masquerade as YAML 1.1 yes", "bridges: {br0: {subnet: 10.0.0.0/24, masquerade: yes}}", "/bridges/br0/masquerade")]
    [InlineData("short link with 3 endpoints", "links: [[a:eth0, b:eth0, c:eth0]]", "/links/0")]
    [InlineData("long link with 1 endpoint", "links: [{endpoints: [a:eth0]}]", "/links/0/endpoints")]
    [InlineData("interface name of 16 characters", "links: [[a:abcdefghijklmnop, br0]]", "/links/0/0")]
    [InlineData("bridge name with a %d pattern", "bridges: {br%d: {}}", "/bridges/br%d")]
    [InlineData("bridge called all", "bridges: {all: {}}", "/bridges/all")]
    [InlineData("interface called default", "links: [[a:default, br0]]", "/links/0/0")]
    [InlineData("interface name with a zero-width space", "links: [[\"a:eth\\u200B0\", br0]]", "/links/0/0")]
    [InlineData("interface name with a trailing NUL", "links: [[\"a:eth0\\0\", br0]]", "/links/0/0")]
    [InlineData("sysctl value that is a path", "host: {sysctls: {net.core.default_qdisc: ../fq}}", "/host/sysctls/net.core.default_qdisc")]
    [InlineData("link mtu below 68", "links: [{endpoints: [a:eth0, b:eth0], mtu: 67}]", "/links/0/mtu")]
    [InlineData("address without prefix length", "links: [{endpoints: [a:eth0, b:eth0], addresses: {a:eth0: [10.0.0.1]}}]", "/links/0/addresses/a:eth0/0")]
    [InlineData("check with expect maybe", "checks: [{from: a, to: b, expect: maybe}]", "/checks/0/expect")]
    [InlineData("check without expect", "checks: [{from: a, to: b}]", "/checks/0")]
    [InlineData("check timeout in minutes", "checks: [{from: a, to: b, expect: reach, timeout: 1m}]", "/checks/0/timeout")]
    [InlineData("check to a bad address", "checks: [{from: a, to: 10.0.0.300, expect: reach}]", "/checks/0/to")]
    [InlineData("sysctl outside net.", "nodes: {a: {sysctls: {kernel.pid_max: 4096}}}", "/nodes/a/sysctls/kernel.pid_max")]
    [InlineData("sysctl value true", "host: {sysctls: {net.ipv4.ip_forward: true}}", "/host/sysctls/net.ipv4.ip_forward")]
    [InlineData("node called host", "nodes: {host: {}}", "/nodes/host")]
    [InlineData("route with neither via nor dev", "nodes: {a: {routes: [{to: default}]}}", "/nodes/a/routes/0")]
    [InlineData("route to a bare address", "nodes: {a: {routes: [{to: 10.0.0.1, dev: eth0}]}}", "/nodes/a/routes/0/to")]
    [InlineData("port with sctp", "nodes: {web: {ports: ['8080:80/sctp']}}", "/nodes/web/ports/0")]
    [InlineData("port range without a host port", "nodes: {web: {ports: ['-8081:80-81']}}", "/nodes/web/ports/0")]
    [InlineData("network bridge (Docker's default is a bridge the file declares)", "nodes: {a: {network: bridge}}", "/nodes/a/network")]
    [InlineData("netns as a relative path", "nodes: {a: {netns: proc/42/ns/net}}", "/nodes/a/netns")]
    [InlineData("macvlan in a mode the kernel lacks", "links: [{type: macvlan, parent: host:lan0, endpoint: a:mv0, mode: turbo}]", "/links/0/mode")]
    [InlineData("vlan without its id", "links: [{type: vlan, parent: host:lan0, endpoint: a:v10}]", "/links/0")]
    [InlineData("ipvlan in mode l4", "links: [{type: ipvlan, parent: host:lan0, endpoint: a:ip0, mode: l4}]", "/links/0/mode")]
    [InlineData("macvlan without a parent", "links: [{type: macvlan, endpoint: a:mv0}]", "/links/0")]
    public void A_wrong_document_fails_at_the_wrong_place(string why, string body, string path, string? header = null)
    {
        var yaml = Document(body, header);

        var errors = TopologySchema.Check(yaml);

        Assert.True(errors.Count > 0, $"{why}: the schema accepted\n{yaml}");
        Assert.All(errors, e => Assert.True(e.Path == path, $"{why}: expected errors at {path}, got {e}"));
    }

    [Fact]
    public void The_smallest_valid_document_passes() =>
        // The cases above replace one line of this document; if it did not pass, they would
        // fail for the wrong reason.
        Assert.Empty(TopologySchema.Check(Document("", null)));

    [Fact]
    public void A_missing_lab_is_reported_at_the_document() =>
        Assert.Equal([("", "required")], TopologySchema.Check("version: 1").Select(e => (e.Path, e.Keyword)));

    // Replaces the version or lab line when the case is about them, so that each case
    // breaks exactly one thing.
    private static string Document(string body, string? header)
    {
        var version = header?.StartsWith("version", StringComparison.Ordinal) == true ? header : "version: 1";
        var lab = header?.StartsWith("lab", StringComparison.Ordinal) == true ? header : "lab: t";
        return $"{version}\n{lab}\n{body}\n";
    }
}

using Topo.Core.Export;
using Topo.Core.Parsing;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing;

namespace Topo.Core.Tests.Export;

/// <summary>What export does with what a file cannot say, and with the host's own interfaces.</summary>
public sealed class ExportRuleTests
{
    private static LinkEnd Veth(Netns ns, int index, string name, string? master = null, int mtu = 1500) =>
        ReadState.End(ns, index, name, "veth", master, mtu, "02:00:00:00:00:01");

    [Fact]
    public void The_host_keeps_only_what_belongs_with_the_namespaces()
    {
        var uplink = ReadState.End(Netns.Host, 2, "uplink", "device");
        var br0 = ReadState.End(Netns.Host, 3, "br0", "bridge");
        var docker0 = ReadState.End(Netns.Host, 5, "docker0", "bridge");
        var (vha, eth0) = (Veth(Netns.Host, 4, "vha", "br0"), Veth("a", 2, "eth0"));
        var state = ReadState.Of("", [Netns.Host, "a"],
        [
            new OtherLinkResource(uplink, "device"), new BridgeResource(br0), ReadState.Pair(vha, eth0), new BridgeResource(docker0),
            .. ReadState.Addresses(uplink, "192.0.2.10/24"), .. ReadState.Addresses(br0, "10.50.0.1/24"), .. ReadState.Addresses(docker0, "172.17.0.1/16"),
            .. ReadState.Addresses(eth0, "10.50.0.2/24"),
            new RouteResource(Netns.Host, "default", "192.0.2.1", "uplink"), new RouteResource(Netns.Host, "10.80.0.0/16", "10.50.0.2", "br0"),
        ]);

        var focused = new HeldState(HostFocus.Apply(state, lab: null));

        Assert.Equal(["br0", "vha"], focused.Interfaces(Netns.Host).Select(i => i.Name));
        Assert.Equal(["10.80.0.0/16 via 10.50.0.2 dev br0"], focused.Routes(Netns.Host).Select(r => r.Text));
    }

    [Fact]
    public void What_a_file_cannot_say_is_warned_about_and_the_rest_still_validates()
    {
        var (p1, p2) = (Veth("a", 2, "p1", mtu: 1400), Veth("b", 2, "p2", mtu: 9000));
        var state = ReadState.Of("", [Netns.Host, "a", "b"],
        [
            ReadState.Pair(p1, p2),
            new OtherLinkResource(ReadState.End("a", 3, "bond0", "bond"), "bond"),
            new OtherLinkResource(Veth("a", 4, "lost"), "veth"),
            .. ReadState.Addresses(p1, "10.60.0.1/30"), .. ReadState.Addresses(p2, "10.60.0.2/30"),
            new RouteResource(Netns.Host, "10.9.0.0/16", "10.60.0.1", "p0"),
        ]);

        var result = LabExporter.Export(state, new ExportOptions("warned"));

        Assert.Contains(result.Warnings, w => w.Contains("MTUs differ (1400, 9000)", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("a:bond0 is a bond", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("veth a:lost: its other end is in no namespace exported", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("not exported without --include-host", StringComparison.Ordinal));
        Assert.DoesNotContain("mtu:", result.Text);
        Assert.True(LabLoader.LoadText("warned.yaml", result.Text).Ok, result.Text);
    }

    [Fact]
    public void Strings_that_YAML_would_read_as_something_else_are_quoted()
    {
        var (a, b) = (Veth("a", 2, "eth0"), Veth("b", 2, "eth0"));
        var view = ReadState.Of("", [Netns.Host, "a", "b"],
        [
            ReadState.Pair(a, b), .. ReadState.Addresses(a, "fd00:1::1/64"), .. ReadState.Addresses(b, "fd00:1::2/64"),
            new RouteResource("a", "fd00:9::/64", "fd00:1::2", "eth0"),
        ]);

        var result = LabExporter.Export(view, new ExportOptions("quoted", IncludeMacs: true));
        var parsed = LabParser.Parse(result.Text);

        Assert.True(parsed.Ok, result.Text);
        var lab = parsed.Lab!;
        Assert.Equal("fd00:9::/64", lab.Nodes.Single(n => n.Name.Value == "a").Routes.Single().To.Value);
        Assert.Equal("fd00:1::1/64", lab.Links.Single().Addresses.Single(a => a.Endpoint.Value == "a:eth0").Cidrs.Single().Value);
        Assert.Equal("02:00:00:00:00:01", lab.Links.Single().Macs.First().Mac.Value);
        Assert.Contains("\"fd00:1::1/64\"", result.Text);
    }

    [Fact]
    public void Ports_masquerade_and_isolation_come_back_from_the_lab_s_rules()
    {
        var br0 = ReadState.End(Netns.Host, 2, "br0", "bridge");
        var br1 = ReadState.End(Netns.Host, 4, "br1", "bridge");
        var (vweb, eth0) = (Veth(Netns.Host, 3, "vweb", "br0"), Veth("web", 2, "eth0"));
        var nat = new NftTableResource(Netns.Host, NftTableResource.TableName("natty"),
        [
            new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80),
            new DnatRule(NftChain.Output, "tcp", null, 8080, "10.1.0.2", 80),
            new IsolationRule("br1", "br0"),
            new IsolationRule("br0", "br1"),
            new MasqueradeRule("10.1.0.0/24"),
            new HairpinMasqueradeRule("10.1.0.0/24"),
        ]);
        var state = ReadState.Of("natty", [Netns.Host, "web"],
        [
            new BridgeResource(br0), ReadState.Pair(vweb, eth0), new BridgeResource(br1),
            .. ReadState.Addresses(br0, "10.1.0.1/24"), .. ReadState.Addresses(br1, "10.2.0.1/24"), .. ReadState.Addresses(eth0, "10.1.0.2/24"),
            new RouteResource("web", "default", "10.1.0.1", "eth0"),
            nat,
        ]);

        var result = LabExporter.Export(state, new ExportOptions("natty", IncludeHost: true));
        var loaded = LabLoader.LoadText("natty.yaml", result.Text);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Lines) + "\n" + result.Text);
        var table = loaded.Lab!.Desired.Resources.OfType<NftTableResource>().Single();
        Assert.Equal(nat.Rules.Select(r => r.Text).Order(StringComparer.Ordinal), table.Rules.Select(r => r.Text).Order(StringComparer.Ordinal));
        Assert.Contains("ports: [\"8080:80/tcp\"]", result.Text);
        // The pool gives web 10.1.0.2 and a default via the gateway: the short form says it all.
        Assert.Contains("- [web:eth0, br0:vweb]", result.Text);
        Assert.DoesNotContain("to: default", result.Text);
    }

    [Fact]
    public void A_dual_stack_bridge_a_file_cannot_say_whole_is_exported_in_part_and_said()
    {
        var (br0, br1) = (ReadState.End(Netns.Host, 2, "br0", "bridge"), ReadState.End(Netns.Host, 4, "br1", "bridge"));
        var (va, a) = (Veth(Netns.Host, 3, "va", "br0"), Veth("a", 2, "eth0"));
        var (vb, b) = (Veth(Netns.Host, 5, "vb", "br1"), Veth("b", 2, "eth0"));
        var state = ReadState.Of("half", [Netns.Host, "a", "b"],
        [
            new BridgeResource(br0), ReadState.Pair(va, a), new BridgeResource(br1), ReadState.Pair(vb, b),
            // Both gateways set by hand: a file sets one.
            .. ReadState.Addresses(br0, "10.1.0.5/24", "fd00:1::5/64"), .. ReadState.Addresses(a, "10.1.0.2/24", "fd00:1::2/64"),
            // Only the IPv4 subnet masqueraded: masquerade: true would masquerade both.
            .. ReadState.Addresses(br1, "10.2.0.1/24", "fd00:2::1/64"), .. ReadState.Addresses(b, "10.2.0.2/24", "fd00:2::2/64"),
            new NftTableResource(Netns.Host, NftTableResource.TableName("half"), [new MasqueradeRule("10.2.0.0/24")]),
        ]);

        var result = LabExporter.Export(state, new ExportOptions("half"));

        Assert.True(LabLoader.LoadText("half.yaml", result.Text).Ok, result.Text);
        Assert.Contains(result.Warnings, w => w.Contains("br0: a file sets the gateway of one family only, and fd00:1::5 is not the first address of fd00:1::/64", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("br1: only 10.2.0.0/24 of its subnets is masqueraded", StringComparison.Ordinal));
        Assert.Contains("  br0:\n    subnet: 10.1.0.0/24\n    address: 10.1.0.5\n", result.Text);
        Assert.Contains("  br1:\n    subnet: [10.2.0.0/24, \"fd00:2::/64\"]\n    address: 10.2.0.1\n", result.Text);
        Assert.DoesNotContain("masquerade", result.Text);
    }

    // The pool cannot give back what a node routed by its own bridge holds (a written address before an automatic
    // one takes the pool's first): the default via the bridge's gateway, the node's own address, cannot be written.
    [Theory]
    [InlineData("10.1.0.0/24", "10.1.0.128/25", "10.1.0.200/24", "default via 10.1.0.1")]
    [InlineData("fd11::/120", "fd11::80/121", "fd11::c8/120", "::/0 via fd11::1")]
    public void A_node_routed_by_its_own_bridge_loses_only_that_default_and_says_so_in_either_family(string subnet, string range, string written, string route)
    {
        var desired = LabLoader.LoadText("own.yaml", $$"""
            version: 1
            lab: own
            bridges:
              br: {node: n1, subnet: "{{subnet}}", ip_range: "{{range}}"}
            nodes:
              n1: {}
            links:
              - endpoints: [br, n1:eth0]
                addresses:
                  n1:eth0: "{{written}}"
              - [br:bp0, n1:eth1]
            """).Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab));
        var again = LabLoader.LoadText("exported.yaml", exported.Text);

        Assert.True(again.Ok, string.Join("\n", again.Lines) + "\n" + exported.Text);
        Assert.Equal($"route via its own address: {route} in n1: its gateway is the namespace's own address, which a file cannot write; left out", Assert.Single(exported.Warnings));
        var (before, after) = (Described(desired), Described(again.Lab!.Desired));
        Assert.StartsWith($"route {route} in n1 ", Assert.Single(before.Except(after)));
        Assert.Empty(after.Except(before));
    }

    // A port with no host IP has a rule in each family: here its IPv6 one in the host's table, where the IPv6 bridge is,
    // and its IPv4 one in the node's, after the node's earlier port. Read table by table, it came first.
    [Fact]
    public void A_node_s_ports_keep_the_file_s_order_when_their_families_live_in_different_tables()
    {
        var desired = LabLoader.LoadText("split.yaml", """
            version: 1
            lab: split
            bridges:
              br6: {subnet: "fd11::/120", masquerade: true}
              br4: {node: web, subnet: 172.17.0.0/24, masquerade: true}
            nodes:
              web: {ports: ["127.0.0.1:20000:80", "20001:443"]}
            links:
              - [web:eth0, br6]
              - [web:eth1, br4]
            """).Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true));
        var again = LabLoader.LoadText("exported.yaml", exported.Text);

        Assert.True(again.Ok, string.Join("\n", again.Lines) + "\n" + exported.Text);
        Assert.Contains("ports: [\"127.0.0.1:20000:80/tcp\", \"20001:443/tcp\"]", exported.Text);
        Assert.Equal(Tables(desired), Tables(again.Lab!.Desired));
    }

    private static List<string> Described(LabState state) =>
        [.. state.Resources.Select(r => $"{r.Describe()} {string.Join(", ", r.Attributes.Select(a => $"{a.Name}={a.Value}"))}")];

    private static List<string> Tables(LabState state) => [.. state.Resources.OfType<NftTableResource>().Select(t => $"{t.Ns}: {t.RulesText}")];
}

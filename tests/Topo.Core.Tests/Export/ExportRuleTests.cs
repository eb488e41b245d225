using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.Parsing;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Export;

/// <summary>What export does with what a file cannot say, and with the host's own interfaces.</summary>
public sealed class ExportRuleTests
{
    private static InterfaceView Veth(int index, string name, PeerView? peer, string? master = null, int mtu = 1500, params string[] addresses) =>
        new(index, name, "veth", peer, master, "02:00:00:00:00:01", mtu, true, null, [.. addresses]);

    private static NamespaceView Ns(string name, params InterfaceView[] interfaces) => new(name, null, [.. interfaces], []);

    [Fact]
    public void The_host_keeps_only_what_belongs_with_the_namespaces()
    {
        var host = Ns(Netns.Host,
            new InterfaceView(2, "uplink", "device", null, null, null, 1500, true, null, ["192.0.2.10/24"]),
            new InterfaceView(3, "br0", "bridge", null, null, null, 1500, true, null, ["10.50.0.1/24"]),
            Veth(4, "vha", new PeerView("a", "eth0", 2), "br0"),
            new InterfaceView(5, "docker0", "bridge", null, null, null, 1500, true, null, ["172.17.0.1/16"])) with
        {
            Routes = [new RouteView("default", "192.0.2.1", "uplink"), new RouteView("10.80.0.0/16", "10.50.0.2", "br0")],
        };
        var view = new KernelView([host, Ns("a", Veth(2, "eth0", new PeerView(Netns.Host, "vha", 4), null, 1500, "10.50.0.2/24"))]);

        var focused = HostFocus.Apply(view, lab: null).Find(Netns.Host)!;

        Assert.Equal(["br0", "vha"], focused.Interfaces.Select(i => i.Name));
        Assert.Equal(["10.80.0.0/16 via 10.50.0.2 dev br0"], focused.Routes.Select(r => r.Text));
    }

    [Fact]
    public void What_a_file_cannot_say_is_warned_about_and_the_rest_still_validates()
    {
        var view = new KernelView(
        [
            Ns(Netns.Host) with { Routes = [new RouteView("10.9.0.0/16", "10.60.0.1", "p0")] },
            Ns("a",
                Veth(2, "p1", new PeerView("b", "p2", 2), null, 1400, "10.60.0.1/30"),
                new InterfaceView(3, "dummy0", "dummy", null, null, null, 1500, true, null, []),
                Veth(4, "lost", null)),
            Ns("b", Veth(2, "p2", new PeerView("a", "p1", 2), null, 9000, "10.60.0.2/30")),
        ]);

        var result = LabExporter.Export(view, new ExportOptions("warned"));

        Assert.Contains(result.Warnings, w => w.Contains("MTUs differ (1400, 9000)", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("a:dummy0 is a dummy", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("veth a:lost: its other end is in no namespace exported", StringComparison.Ordinal));
        Assert.Contains(result.Warnings, w => w.Contains("not exported without --include-host", StringComparison.Ordinal));
        Assert.DoesNotContain("mtu:", result.Text);
        Assert.True(LabLoader.LoadText("warned.yaml", result.Text).Ok, result.Text);
    }

    [Fact]
    public void Strings_that_YAML_would_read_as_something_else_are_quoted()
    {
        var view = new KernelView(
        [
            Ns(Netns.Host),
            Ns("a", Veth(2, "eth0", new PeerView("b", "eth0", 2), null, 1500, "fd00:1::1/64")) with { Routes = [new RouteView("fd00:9::/64", "fd00:1::2", "eth0")] },
            Ns("b", Veth(2, "eth0", new PeerView("a", "eth0", 2), null, 1500, "fd00:1::2/64")),
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
        var host = Ns(Netns.Host,
            new InterfaceView(2, "br0", "bridge", null, null, null, 1500, true, null, ["10.1.0.1/24"]),
            Veth(3, "vweb", new PeerView("web", "eth0", 2), "br0"),
            new InterfaceView(4, "br1", "bridge", null, null, null, 1500, true, null, ["10.2.0.1/24"])) with
        {
            NatRules =
            [
                new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80),
                new DnatRule(NftChain.Output, "tcp", null, 8080, "10.1.0.2", 80),
                new IsolationRule("br1", "br0"),
                new IsolationRule("br0", "br1"),
                new MasqueradeRule("10.1.0.0/24"),
                new HairpinMasqueradeRule("10.1.0.0/24"),
            ],
        };
        var web = Ns("web", Veth(2, "eth0", new PeerView(Netns.Host, "vweb", 3), null, 1500, "10.1.0.2/24")) with
        {
            Routes = [new RouteView("default", "10.1.0.1", "eth0")],
        };

        var result = LabExporter.Export(new KernelView([host, web]), new ExportOptions("natty", IncludeHost: true));
        var loaded = LabLoader.LoadText("natty.yaml", result.Text);

        Assert.True(loaded.Ok, string.Join("\n", loaded.Lines) + "\n" + result.Text);
        var table = loaded.Lab!.Desired.Resources.OfType<NftTableResource>().Single();
        Assert.Equal(host.NatRules.Select(r => r.Text).Order(StringComparer.Ordinal), table.Rules.Select(r => r.Text).Order(StringComparer.Ordinal));
        Assert.Contains("ports: [\"8080:80/tcp\"]", result.Text);
        // The pool gives web 10.1.0.2 and a default via the gateway: the short form says it all.
        Assert.Contains("- [web:eth0, br0:vweb]", result.Text);
        Assert.DoesNotContain("to: default", result.Text);
    }
}

using System.Collections.Immutable;
using Topo.Core.Export;
using Topo.Core.State;
using Topo.Core.Tests.Schema;
using Topo.Testing;

namespace Topo.Core.Tests.Export;

/// <summary>The exported file to the byte: its layout, flow and block styles, and which strings are quoted.</summary>
public sealed class ExportGoldenTests
{
    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(RepoPaths.ExamplesFolder, "*.yaml").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Each_example_applied_and_exported(string example)
    {
        var desired = LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, example + ".yaml")).Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true, IncludeMacs: true));

        Golden.Match($"export-{example}", exported.Text);
    }

    [Fact]
    public void Strings_YAML_would_read_as_something_else()
    {
        static InterfaceView Veth(int index, string name, PeerView peer, string? master, int mtu, params string[] addresses) =>
            new(index, name, "veth", peer, master, "02:00:00:00:00:0" + index, mtu, true, null, [.. addresses]);
        var host = new NamespaceView(Netns.Host, null,
        [
            new InterfaceView(2, "br0", "bridge", null, null, "02:00:00:00:00:aa", 9000, true, null, ["10.1.0.1/24"]),
            Veth(3, "vyes", new PeerView("yes", "eth0", 2), "br0", 9000),
            new InterfaceView(4, "br1", "bridge", null, null, null, 1500, true, null, ["10.2.0.1/24"]),
        ],
        [new RouteView("10.80.0.0/16", "10.1.0.2", "br0")])
        {
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" }.ToImmutableSortedDictionary(),
            // A port written alone in prerouting, as export finds one that an older topo or a hand wrote.
            NatRules = [new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80), new IsolationRule("br1", "br0"), new IsolationRule("br0", "br1"), new MasqueradeRule("10.1.0.0/24")],
        };
        var yes = new NamespaceView("yes", null, [Veth(2, "eth0", new PeerView(Netns.Host, "vyes", 3), null, 9000, "10.1.0.2/24"), Veth(3, "e1", new PeerView("1e3", "e1", 2), null, 1400, "fd00:1::1/64")],
            [new RouteView("default", "10.1.0.1", "eth0"), new RouteView("fd00:9::/64", "fd00:1::2", "e1")])
        {
            Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1", ["net.ipv6.conf.all.forwarding"] = "1" }.ToImmutableSortedDictionary(),
        };
        var other = new NamespaceView("1e3", null, [Veth(2, "e1", new PeerView("yes", "e1", 3), null, 1400, "fd00:1::2/64")], []);

        var exported = LabExporter.Export(new KernelView([host, yes, other]), new ExportOptions("null", IncludeHost: true, IncludeMacs: true));

        Golden.Match("export-quoted", exported.Text);
    }
}

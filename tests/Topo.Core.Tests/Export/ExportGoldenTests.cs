using Topo.Core.Export;
using Topo.Core.Kinds;
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
        // A lab of several machines is exported from one of them: the first machine's share.
        var lab = LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, example + ".yaml")).Lab!;
        var desired = lab.Spans ? lab.Shares[lab.Hosts[0].Name] : lab.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true, IncludeMacs: true));

        Golden.Match($"export-{example}", exported.Text);
    }

    [Theory]
    [MemberData(nameof(DualStackLabs.Names), MemberType = typeof(DualStackLabs))]
    public void A_dual_stack_lab_applied_and_exported(string name)
    {
        var desired = LabLoader.LoadText($"{name}.yaml", DualStackLabs.Text(name)).Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true));

        Golden.Match($"export-dual-stack-{name}", exported.Text);
    }

    [Fact]
    public void Strings_YAML_would_read_as_something_else()
    {
        static LinkEnd Veth(Netns ns, int index, string name, string? master, int mtu) =>
            ReadState.End(ns, index, name, "veth", master, mtu, "02:00:00:00:00:0" + index);
        var br0 = ReadState.End(Netns.Host, 2, "br0", "bridge", mtu: 9000, mac: "02:00:00:00:00:aa");
        var br1 = ReadState.End(Netns.Host, 4, "br1", "bridge");
        var (vyes, yesEth0) = (Veth(Netns.Host, 3, "vyes", "br0", 9000), Veth("yes", 2, "eth0", null, 9000));
        var (yesE1, otherE1) = (Veth("yes", 3, "e1", null, 1400), Veth("1e3", 2, "e1", null, 1400));
        Resource[] resources =
        [
            new BridgeResource(br0), ReadState.Pair(vyes, yesEth0), new BridgeResource(br1), ReadState.Pair(yesE1, otherE1),
            .. ReadState.Addresses(br0, "10.1.0.1/24"), .. ReadState.Addresses(br1, "10.2.0.1/24"),
            .. ReadState.Addresses(yesEth0, "10.1.0.2/24"), .. ReadState.Addresses(yesE1, "fd00:1::1/64"), .. ReadState.Addresses(otherE1, "fd00:1::2/64"),
            new RouteResource(Netns.Host, "10.80.0.0/16", "10.1.0.2", "br0"),
            new RouteResource("yes", "default", "10.1.0.1", "eth0"), new RouteResource("yes", "fd00:9::/64", "fd00:1::2", "e1"),
            new SysctlResource(Netns.Host, "net.ipv4.ip_forward", "1"),
            new SysctlResource("yes", "net.ipv4.ip_forward", "1"), new SysctlResource("yes", "net.ipv6.conf.all.forwarding", "1"),
            // A port written alone in prerouting, as export finds one that an older topo or a hand wrote.
            new NftTableResource(Netns.Host, NftTableResource.TableName("null"),
                [new DnatRule(NftChain.Prerouting, "tcp", null, 8080, "10.1.0.2", 80), new IsolationRule("br1", "br0"), new IsolationRule("br0", "br1"), new MasqueradeRule("10.1.0.0/24")]),
        ];

        var exported = LabExporter.Export(ReadState.Of("null", [Netns.Host, "yes", "1e3"], resources), new ExportOptions("null", IncludeHost: true, IncludeMacs: true));

        Golden.Match("export-quoted", exported.Text);
    }
}

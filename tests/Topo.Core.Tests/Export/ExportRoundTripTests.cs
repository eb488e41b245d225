using Topo.Core.Export;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Tests.Properties;
using Topo.Core.Tests.Schema;

namespace Topo.Core.Tests.Export;

/// <summary>
/// Export is the inverse of apply: every example, applied to a simulated kernel and exported,
/// gives a file that validates (and passes the JSON Schema) and whose desired state is the example's, object for object.
/// </summary>
public sealed class ExportRoundTripTests
{
    public static TheoryData<string> ExampleFiles() => [.. Directory.GetFiles(RepoPaths.ExamplesFolder, "*.yaml").Select(f => Path.GetFileName(f))];

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void An_example_applied_and_exported_validates_to_the_same_desired_state(string example)
    {
        var original = LabLoader.Load(Path.Combine(RepoPaths.ExamplesFolder, example));
        Assert.True(original.Ok, string.Join("\n", original.Lines));
        var desired = original.Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true, IncludeMacs: true));
        var again = LabLoader.LoadText("exported.yaml", exported.Text);

        Assert.True(again.Ok, string.Join("\n", again.Lines) + "\n" + exported.Text);
        Assert.Empty(TopologySchema.Check(exported.Text));
        Assert.Empty(exported.Warnings);
        Assert.Equal(Objects(desired), Objects(again.Lab!.Desired));
    }

    [Theory]
    [MemberData(nameof(DualStackLabs.Names), MemberType = typeof(DualStackLabs))]
    public void A_dual_stack_lab_applied_and_exported_validates_to_the_same_desired_state(string name)
    {
        var original = LabLoader.LoadText($"{name}.yaml", DualStackLabs.Text(name));
        Assert.True(original.Ok, string.Join("\n", original.Lines));
        var desired = original.Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true));
        var again = LabLoader.LoadText("exported.yaml", exported.Text);

        Assert.True(again.Ok, string.Join("\n", again.Lines) + "\n" + exported.Text);
        Assert.Empty(TopologySchema.Check(exported.Text));
        Assert.Empty(exported.Warnings);
        var (before, after) = (Objects(desired), Objects(again.Lab!.Desired));
        Assert.True(before.SequenceEqual(after),
            $"lost: {string.Join("\n", before.Except(after))}\ngained: {string.Join("\n", after.Except(before))}\n--- exported ---\n{exported.Text}");
    }

    [Fact]
    public void A_vxlan_applied_and_exported_gives_back_its_tunnel_and_underlay()
    {
        var desired = LabLoader.LoadText("vxl.yaml", """
            version: 1
            lab: vxl
            nodes: {u1: {}, va: {}, vb: {}}
            links:
              - {type: vxlan, endpoint: va:vx0, underlay: u1, vni: 42, remote: 192.0.2.2, local: 192.0.2.1, addresses: {va:vx0: 10.42.0.1/24}, mtu: 1400}
              - {type: vxlan, endpoint: vb:vx0, vni: 7, remote: "2001:db8::2", port: 4790}
            """).Lab!.Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true));
        var again = LabLoader.LoadText("exported.yaml", exported.Text);

        Assert.True(again.Ok, string.Join("\n", again.Lines) + "\n" + exported.Text);
        Assert.Empty(TopologySchema.Check(exported.Text));
        Assert.Empty(exported.Warnings);
        Assert.Contains("    underlay: u1\n", exported.Text);
        Assert.Equal(Objects(desired), Objects(again.Lab!.Desired));
    }

    [Fact]
    public void Every_generated_lab_applied_and_exported_validates_to_the_same_desired_state() => GeneratedLabs.ForEach(ipv6Subnets: true, property: lab =>
    {
        var desired = lab.Valid().Desired;

        var exported = LabExporter.Export(SimulatedKernel.ViewOf(desired), new ExportOptions(desired.Lab, IncludeHost: true, IncludeMacs: true));
        var again = LabLoader.LoadText("exported.yaml", exported.Text);

        Assert.True(again.Ok, string.Join("\n", again.Lines) + "\n--- exported ---\n" + exported.Text);
        Assert.Empty(TopologySchema.Check(exported.Text));
        // The one thing export may leave out, and says so: a node's default route (of either family) via a bridge it
        // holds itself, when the pool would not give its address. Only the very route each warning names is forgiven.
        var leftOut = exported.Warnings.Select(LeftOutDefault).ToList();
        var (before, after) = (Objects(WithoutFollowedMtus(desired), forwardingOnly: true), Objects(WithoutFollowedMtus(again.Lab!.Desired), forwardingOnly: true));
        before.RemoveAll(o => leftOut.Any(route => o.StartsWith($"route {route} ", StringComparison.Ordinal)));
        Assert.True(before.SequenceEqual(after),
            $"lost: {string.Join("; ", before.Except(after))}\ngained: {string.Join("; ", after.Except(before))}\nwarned: {string.Join("; ", exported.Warnings)}\n--- exported ---\n{exported.Text}");
    });

    // "route via its own address: ::/0 via fd11::1 in n1: its gateway is ..." names the route "::/0 via fd11::1 in n1".
    private static string LeftOutDefault(string warning)
    {
        const string prefix = "route via its own address: ";
        Assert.StartsWith(prefix, warning);
        Assert.Contains(": its gateway", warning, StringComparison.Ordinal);
        var route = warning[prefix.Length..warning.IndexOf(": its gateway", StringComparison.Ordinal)];
        Assert.True(route.StartsWith("default via ", StringComparison.Ordinal) || route.StartsWith("::/0 via ", StringComparison.Ordinal), warning);
        return route;
    }

    // A real view carries only the forwarding sysctls; the rest of a generated lab's are not export's to keep.
    // An empty table (an isolated bridge with no neighbour to drop) says nothing that export could read back.
    private static List<string> Objects(LabState state, bool forwardingOnly = false) =>
        [.. state.Resources.Where(r => !forwardingOnly || Readable(r)).Select(r => $"{r.Describe()} {string.Join(", ", r.Attributes.Select(Normal))}").Order(StringComparer.Ordinal)];

    private static bool Readable(Resource r) => r switch
    {
        SysctlResource s => ForwardingSysctls.Keys.Contains(s.Name),
        NftTableResource t => !t.Rules.IsEmpty,
        _ => true,
    };

    // A bridge's MTU follows its smallest port's: one set to just that leaves the kernel as one not set, and export writes the second.
    private static LabState WithoutFollowedMtus(LabState state)
    {
        var ports = state.Resources.OfType<VethResource>().SelectMany(v => new[] { v.A, v.B }).Where(e => e.Master is not null)
            .ToLookup(e => (e.Namespace, e.Master!), e => e.Mtu ?? 1500);
        bool Followed(LinkEnd bridge) => ports[(bridge.Namespace, bridge.Name)].DefaultIfEmpty(1500).Min() == bridge.Mtu;
        return state with
        {
            Resources = [.. state.Resources.Select(r => r is BridgeResource b && Followed(b.Device) ? b with { Device = b.Device with { Mtu = null } } : r)],
        };
    }

    // "mtu: 1500" written in a file and no MTU written leave the kernel the same: export writes the second.
    private static string Normal(Attr a) => a.Name.EndsWith("mtu", StringComparison.Ordinal) && a.Value == "1500" ? $"{a.Name}=" : $"{a.Name}={a.Value}";
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Tests.Properties;

public sealed class InterfaceNameProperties
{
    /// <summary>The kernel's IFNAMSIZ is 16 with the terminating NUL.</summary>
    private const int MaxName = 15;

    [Fact]
    public void Every_interface_name_fits_the_kernel_and_is_used_once_per_namespace() => GeneratedLabs.ForEach(lab =>
    {
        var names = Interfaces(lab.Valid().Desired).ToList();

        Assert.All(names, n => Assert.InRange(n.Name.Length, 1, MaxName));
        Assert.All(names, n => Assert.False(n.Name.Any(c => c == '/' || char.IsWhiteSpace(c)), $"'{n.Name}' is no interface name"));
        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"{g.Key.Ns.Display}:{g.Key.Name}"));
    });

    [Fact]
    public void Each_unnamed_bridge_end_gets_one_generated_name_and_written_names_are_kept() => GeneratedLabs.ForEach(lab =>
    {
        var names = Interfaces(lab.Valid().Desired).ToHashSet();
        var written = DraftFacts.WrittenInterfaces(lab.Draft);
        var bridges = lab.Draft.Bridges.Select(b => b.Name).ToHashSet();
        var unnamed = lab.Draft.Links.SelectMany(l => l.Ends).Count(bridges.Contains);

        var generated = names.Except(written).ToList();

        Assert.Empty(written.Except(names));
        Assert.Equal(unnamed, generated.Count);
        var bridgeNamespaces = lab.Draft.Bridges.Select(b => b.Ns).ToHashSet();
        Assert.All(generated, g => Assert.Contains(g.Ns, bridgeNamespaces));
    });

    [Fact]
    public void The_same_file_gives_the_same_names() => GeneratedLabs.ForEach(lab =>
    {
        var first = Veths(lab.Valid().Desired);
        var second = Veths(lab.Valid().Desired);

        Assert.Equal(first, second);
    });

    private static IEnumerable<(Netns Ns, string Name)> Interfaces(LabState state) =>
        state.Resources.SelectMany<Resource, LinkEnd>(r => r switch
        {
            BridgeResource b => [b.Device],
            VethResource v => [v.A, v.B],
            _ => [],
        }).Select(e => (e.Namespace, e.Name));

    private static List<string> Veths(LabState state) => [.. state.Resources.OfType<VethResource>().Select(v => v.Describe())];
}

namespace Topo.Core.Tests.Schema;

public sealed class ExampleFileTests
{
    private const string Modeline = "# yaml-language-server: $schema=../schemas/topology.schema.json";

    public static TheoryData<string> Examples() => new(ExampleFiles());

    private static string[] ExampleFiles() =>
        Directory.EnumerateFiles(RepoPaths.ExamplesFolder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void The_lessons_and_the_teaching_file_are_all_there() =>
        Assert.Superset(
            new HashSet<string> { "01-veth-pair.yaml", "02-bridge.yaml", "03-host-veth.yaml", "dockerish.yaml" },
            ExampleFiles().ToHashSet());

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_passes_the_schema(string file)
    {
        var errors = TopologySchema.Check(Read(file));

        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_points_editors_at_the_schema_and_says_how_to_run_it(string file)
    {
        var text = Read(file);

        Assert.StartsWith(Modeline + "\n", text.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"topo apply examples/{file}", text, StringComparison.Ordinal);
        Assert.Contains($"topo check examples/{file}", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_carries_its_own_proof(string file)
    {
        var checks = YamlToJson.Convert(Read(file)).GetProperty("checks");

        Assert.NotEqual(0, checks.GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void An_example_uses_only_names_it_declares(string file) =>
        Assert.Empty(ExampleReferences.Unresolved(YamlToJson.Convert(Read(file))));

    [Fact]
    public void The_name_check_finds_an_undeclared_node()
    {
        var lab = YamlToJson.Convert("nodes: {a: }\nlinks: [[a:eth0, box9:eth0]]\nchecks: [{from: a, to: b, expect: reach}]");

        Assert.Equal(2, ExampleReferences.Unresolved(lab).Count);
    }

    private static string Read(string file) => File.ReadAllText(Path.Combine(RepoPaths.ExamplesFolder, file));
}

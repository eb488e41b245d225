using Topo.Core.Parsing;
using Topo.Core.Tests.Invalid;
using Topo.Testing;

namespace Topo.Core.Tests.Parsing;

/// <summary>
/// Each <c>Invalid/parse/NAME.yaml</c> breaks one rule; its diagnostics, printed as the CLI
/// prints them, must equal <c>NAME.txt</c>. The files are read where they stand in the source tree.
/// </summary>
public sealed class InvalidParseFileTests
{
    private const int MinimumCases = 22;

    private static readonly InvalidCases Cases = InvalidCases.In("parse");

    public static TheoryData<string> Files => new(Cases.YamlFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Diagnostics_match_the_golden_file(string name)
    {
        var result = LabParser.ParseFile(Cases.PathOf(name));

        Assert.Null(result.Lab);
        Assert.False(result.Ok);
        Assert.NotEmpty(result.Diagnostics);
        Golden.MatchFile(Cases.GoldenOf(name), string.Join("\n", result.Diagnostics.Select(d => d.Format(name))));
    }

    [Fact]
    public void There_are_enough_cases_and_no_golden_file_without_its_input()
    {
        Assert.True(Cases.YamlFiles().Length >= MinimumCases, $"{Cases.YamlFiles().Length} cases in {Cases.Directory}");
        Assert.Empty(Cases.Orphans());
    }
}

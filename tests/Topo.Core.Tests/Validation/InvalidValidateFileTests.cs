using Topo.Core.Parsing;
using Topo.Core.Tests.Invalid;
using Topo.Core.Validation;
using Topo.Testing;

namespace Topo.Core.Tests.Validation;

/// <summary>
/// Each <c>Invalid/validate/NAME.yaml</c> parses cleanly but breaks a rule of meaning; its
/// diagnostics, printed as the CLI prints them, must equal <c>NAME.txt</c>.
/// </summary>
public sealed class InvalidValidateFileTests
{
    private const int MinimumCases = 20;

    private static readonly InvalidCases Cases = InvalidCases.In("validate");

    public static TheoryData<string> Files => new(Cases.YamlFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Diagnostics_match_the_golden_file(string name)
    {
        var parsed = LabParser.ParseFile(Cases.PathOf(name));
        Assert.True(parsed.Lab is not null && parsed.Diagnostics.IsEmpty, string.Join("\n", parsed.Diagnostics.Select(d => d.Format(name))));

        var result = LabValidator.Validate(parsed.Lab);

        Assert.Null(result.Lab);
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

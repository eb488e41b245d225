using System.Runtime.CompilerServices;
using Topo.Core.Parsing;
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

    private static readonly string Directory = DataDirectory();

    public static TheoryData<string> Files => new(YamlFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Diagnostics_match_the_golden_file(string name)
    {
        var parsed = LabParser.ParseFile(Path.Combine(Directory, name));
        Assert.True(parsed.Lab is not null && parsed.Diagnostics.IsEmpty, string.Join("\n", parsed.Diagnostics.Select(d => d.Format(name))));

        var result = LabValidator.Validate(parsed.Lab);

        Assert.Null(result.Lab);
        Assert.NotEmpty(result.Diagnostics);
        Golden.MatchFile(
            Path.Combine(Directory, Path.ChangeExtension(name, ".txt")),
            string.Join("\n", result.Diagnostics.Select(d => d.Format(name))));
    }

    [Fact]
    public void There_are_enough_cases_and_no_golden_file_without_its_input()
    {
        Assert.True(YamlFiles().Length >= MinimumCases, $"{YamlFiles().Length} cases in {Directory}");
        var orphans = System.IO.Directory.GetFiles(Directory, "*.txt")
            .Where(txt => !txt.EndsWith(".received.txt", StringComparison.Ordinal))
            .Where(txt => !File.Exists(Path.ChangeExtension(txt, ".yaml")));
        Assert.Empty(orphans);
    }

    private static string[] YamlFiles() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    private static string DataDirectory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Invalid", "validate");
}

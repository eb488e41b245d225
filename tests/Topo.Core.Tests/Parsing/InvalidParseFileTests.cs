using System.Runtime.CompilerServices;
using Topo.Core.Parsing;
using Topo.Testing;

namespace Topo.Core.Tests.Parsing;

/// <summary>
/// Each <c>Invalid/parse/NAME.yaml</c> breaks one rule; its diagnostics, printed as the CLI
/// prints them, must equal <c>NAME.txt</c>. The files are read where they stand in the source tree.
/// </summary>
public sealed class InvalidParseFileTests
{
    private const int MinimumCases = 22;

    private static readonly string Directory = DataDirectory();

    public static TheoryData<string> Files => new(YamlFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void Diagnostics_match_the_golden_file(string name)
    {
        var result = LabParser.ParseFile(Path.Combine(Directory, name));

        Assert.Null(result.Lab);
        Assert.False(result.Ok);
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
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Invalid", "parse");
}

using System.Runtime.CompilerServices;
using Topo.Core.Parsing;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Core.Validation;

namespace Topo.Core.Tests.Validation;

/// <summary>The repository's examples, read from disk, parse and validate.</summary>
public sealed class ExampleFileTests
{
    public static TheoryData<string> Files => new(
        System.IO.Directory.GetFiles(ExamplesDirectory(), "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void An_example_is_a_valid_lab(string name)
    {
        var parsed = LabParser.ParseFile(Path.Combine(ExamplesDirectory(), name));
        Assert.NotNull(parsed.Lab);

        var result = LabValidator.Validate(parsed.Lab);

        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics.Select(d => d.Format(name))));
        // Every lesson makes at least one namespace; not every one a link (04 is Docker's `none` network).
        Assert.NotEmpty(result.Lab!.Desired.Resources.OfType<NamespaceResource>());
    }

    [Fact]
    public void The_spec_example_text_gives_the_same_state_as_the_example_built_in_code()
    {
        // The spec's checks name a client 'pca' that its example never defines; the lab itself is compared.
        var text = Parsing.SpecExample.Text;
        var parsed = LabParser.Parse(text.Contains("checks:", StringComparison.Ordinal) ? text[..text.IndexOf("checks:", StringComparison.Ordinal)] : text);
        var result = LabValidator.Validate(parsed.Lab!);
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics.Select(d => d.Format("spec"))));
        var fromText = result.Lab!.Desired.Resources.Select(r => r with { Owner = null });
        var fromCode = Examples.Dockerish().Valid().Desired.Resources.Select(r => r with { Owner = null });

        Assert.Equal(fromCode.Select(r => (r.Key, r.Describe(), string.Join(",", r.Attributes))), fromText.Select(r => (r.Key, r.Describe(), string.Join(",", r.Attributes))));
    }

    private static string ExamplesDirectory([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", "..", "examples"));
}

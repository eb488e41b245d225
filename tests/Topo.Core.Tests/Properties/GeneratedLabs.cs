using Topo.Core.Validation;
using Xunit.Sdk;

namespace Topo.Core.Tests.Properties;

/// <summary>One generated case: its seed, what was chosen, and the text written from it.</summary>
internal sealed record GeneratedLab(int Seed, LabDraft Draft, string Text)
{
    public static GeneratedLab From(int seed, LabDraft draft) => new(seed, draft, LabDraftWriter.Write(draft));

    public LoadResult Load() => LabLoader.LoadText(FileName, Text);

    public string FileName => $"seed-{Seed}.yaml";

    /// <summary>The validated lab; a diagnostic fails the property with every line of them.</summary>
    public ValidatedLab Valid()
    {
        var result = Load();
        Assert.True(result.Ok, "the generated lab does not load:\n" + string.Join("\n", result.Lines));
        return result.Lab!;
    }
}

/// <summary>
/// Runs a property over the same few hundred seeds. A failure names the seed and carries the
/// lab's text, so it can be pasted into a file and run with <c>topo validate</c>.
/// </summary>
internal static class GeneratedLabs
{
    public const int Cases = 300;

    public static IEnumerable<GeneratedLab> All() =>
        Enumerable.Range(0, Cases).Select(seed => GeneratedLab.From(seed, LabDraftGenerator.Generate(new Random(seed))));

    public static void ForEach(Action<GeneratedLab> property)
    {
        foreach (var lab in All())
        {
            try
            {
                property(lab);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new XunitException($"seed {lab.Seed}: {e.GetType().Name}: {e.Message}\n--- {lab.FileName} ---\n{lab.Text}", e);
            }
        }
    }
}

using System.Globalization;
using CsCheck;
using Topo.Core.Validation;
using Xunit.Sdk;

namespace Topo.Core.Tests.Properties;

/// <summary>One generated case: its seed (System.Random's, or CsCheck's when shrinking drew it), what was chosen, and the text written from it.</summary>
internal sealed record GeneratedLab(string Seed, LabDraft Draft, string Text)
{
    public static GeneratedLab From(string seed, LabDraft draft) => new(seed, draft, LabDraftWriter.Write(draft));

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
/// Runs a property over the same few hundred seeds. When one fails, CsCheck shrinks: it draws
/// labs of its own (<see cref="GeneratedLabGen"/>) and reports the smallest it finds that still
/// fails, with its text (paste it into a file and run <c>topo validate</c>) and its seed. To replay
/// that lab: <c>CsCheck_Seed=SEED dotnet test tests/Topo.Core.Tests --filter "FullyQualifiedName~PROPERTY"</c>.
/// </summary>
internal static class GeneratedLabs
{
    public const int Cases = 300;

    /// <summary>How many labs the shrinking draws after a failure, looking for smaller ones that fail.</summary>
    private const int ShrinkDraws = 20_000;

    // The seeds of System.Random that the properties have always run on, so that they check the
    // same labs every time; CsCheck's PCG draws the labs that shrinking tries.
    public static IEnumerable<GeneratedLab> All(bool ipv6Subnets = true) =>
        Enumerable.Range(0, Cases).Select(seed => GeneratedLab.From(seed.ToString(CultureInfo.InvariantCulture), LabDraftGenerator.Generate(new Random(seed), ipv6Subnets)));

    /// <summary>Without <paramref name="ipv6Subnets"/>, for what holds of labs whose bridges have at most an IPv4 subnet.</summary>
    public static void ForEach(Action<GeneratedLab> property, bool ipv6Subnets = true)
    {
        var labs = new GeneratedLabGen(ipv6Subnets);
        if (Check.Seed is not null)
        {
            labs.Sample(property, iter: 1, threads: 1, print: Print);
            return;
        }

        foreach (var lab in All(ipv6Subnets))
        {
            try
            {
                property(lab);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One thread: the properties that count what they saw are not made for concurrent calls.
                labs.Sample(property, iter: ShrinkDraws, threads: 1, print: Print);
                throw new XunitException($"seed {lab.Seed} (CsCheck found no failing lab in {ShrinkDraws} draws): {e.GetType().Name}: {e.Message}\n{Print(lab)}", e);
            }
        }
    }

    private static string Print(GeneratedLab lab) => $"--- {lab.FileName} ---\n{lab.Text}";
}

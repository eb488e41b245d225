namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// The examples name their namespaces (ns1, box1, ...), and named namespaces live in the one
/// /run/netns of the test run, so tests that apply them take turns.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LabCollection
{
    public const string Name = "labs";
}

using System.Runtime.CompilerServices;

namespace Topo.Core.Tests.Invalid;

/// <summary>
/// A folder of invalid lab files under <c>Invalid/</c>, each <c>NAME.yaml</c> with its expected
/// diagnostics in <c>NAME.txt</c>, read where they stand in the source tree.
/// </summary>
internal sealed record InvalidCases(string Directory)
{
    public static InvalidCases In(string folder) => new(Path.Combine(Here(), folder));

    // Called from this file, so the path filled in is this file's, next to the case folders.
    private static string Here([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;

    public string[] YamlFiles() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string GoldenOf(string name) => Path.Combine(Directory, Path.ChangeExtension(name, ".txt"));

    /// <summary>Golden files whose input is gone; a renamed case must not leave its old expectation behind.</summary>
    public string[] Orphans() =>
        [.. System.IO.Directory.GetFiles(Directory, "*.txt")
            .Where(txt => !txt.EndsWith(".received.txt", StringComparison.Ordinal))
            .Where(txt => !File.Exists(Path.ChangeExtension(txt, ".yaml")))];
}

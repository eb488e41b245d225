using System.Runtime.CompilerServices;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// Where the repository's schemas/ and examples/ are. Found from this source file's path,
/// not the test's working directory, so that the tests read the files as committed rather
/// than copies in bin/.
/// </summary>
public static class RepoPaths
{
    public static string Root([CallerFilePath] string sourceFile = "")
    {
        for (var dir = Path.GetDirectoryName(sourceFile); !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
            if (File.Exists(Path.Combine(dir, "Topo.sln")))
                return dir;
        throw new DirectoryNotFoundException($"no folder above {sourceFile} holds Topo.sln");
    }

    public static string SchemaFile => Path.Combine(Root(), "schemas", "topology.schema.json");

    public static string ExamplesFolder => Path.Combine(Root(), "examples");
}

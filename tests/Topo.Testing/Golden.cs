using System.Runtime.CompilerServices;
using Xunit.Sdk;

namespace Topo.Testing;

/// <summary>
/// Snapshot ("golden file") assertions: the expected text lives in <c>__golden__/NAME.txt</c>
/// beside the calling test's source file. On a mismatch the actual text is written to
/// <c>NAME.received.txt</c> for a diff; with <c>TOPO_ACCEPT_GOLDEN=1</c> it replaces the golden file.
/// </summary>
public static class Golden
{
    public const string AcceptVariable = "TOPO_ACCEPT_GOLDEN";

    public static void Match(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var dir = Path.Combine(Path.GetDirectoryName(callerFile)!, "__golden__");
        MatchFile(Path.Combine(dir, name + ".txt"), actual);
    }

    /// <summary>Compares with a golden file at an explicit path (for data-driven tests).</summary>
    public static void MatchFile(string goldenPath, string actual)
    {
        actual = Normalize(actual);
        var received = Path.ChangeExtension(goldenPath, ".received.txt");
        var expected = File.Exists(goldenPath) ? Normalize(File.ReadAllText(goldenPath)) : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
            File.WriteAllText(goldenPath, actual);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(goldenPath)!);
        File.WriteAllText(received, actual);
        throw new XunitException(
            expected is null
                ? $"no golden file {goldenPath}; wrote {received}. Review it, then run with {AcceptVariable}=1 to accept."
                : $"differs from {goldenPath}; actual written to {received}.\n--- expected\n{expected}\n--- actual\n{actual}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
}

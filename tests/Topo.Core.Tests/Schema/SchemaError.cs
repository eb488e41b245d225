namespace Topo.Core.Tests.Schema;

/// <summary>One way an instance fails its schema.</summary>
/// <param name="Path">Where in the instance, as a JSON pointer ("" is the whole document).</param>
/// <param name="Keyword">The schema keyword that failed, so that callers can tell a wrong type from the rest.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record SchemaError(string Path, string Keyword, string Message)
{
    public override string ToString() => $"{(Path.Length == 0 ? "(document)" : Path)}: {Message}";
}

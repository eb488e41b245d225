namespace Topo.Core.Model;

/// <summary>
/// One problem with a lab file. <see cref="Path"/> names the value in the document
/// (<c>links[3]</c>, <c>bridges.docker0.subnet</c>); the file name is added when printed.
/// </summary>
public sealed record Diagnostic(SourceMark Mark, string Path, string Message)
{
    public string Format(string file) =>
        Path.Length == 0 ? $"{file}:{Mark.Line}:{Mark.Column}: {Message}" : $"{file}:{Mark.Line}:{Mark.Column}: {Path}: {Message}";
}

using System.Text.Json.Serialization;
using Topo.Core;

namespace Topo.Cli.Output;

/// <summary><c>validate --output json</c>: <c>{"file", "valid", "lab", "errors": [{line, column, path, message}]}</c>; no <c>lab</c> when the file names none.</summary>
public static class ValidationJson
{
    public static string Write(LoadResult result) => OutputJsonContext.Write(
        new ValidationDocument(result.File, result.Ok, result.Lab?.Lab,
            [.. result.Diagnostics.Select(d => new ValidationErrorDocument(d.Mark.Line, d.Mark.Column, d.Path, d.Message))]),
        c => c.ValidationDocument);
}

internal sealed record ValidationDocument(
    string File,
    bool Valid,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Lab,
    IReadOnlyList<ValidationErrorDocument> Errors);

internal sealed record ValidationErrorDocument(int Line, int Column, string Path, string Message);

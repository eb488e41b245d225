using Topo.Core;

namespace Topo.Cli.Output;

/// <summary><c>validate --output json</c>: <c>{"file", "valid", "lab", "errors": [{line, column, path, message}]}</c>.</summary>
public static class ValidationJson
{
    public static string Write(LoadResult result)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("file", result.File);
            json.WriteBoolean("valid", result.Ok);
            if (result.Lab is { } lab) json.WriteString("lab", lab.Lab);
            json.WriteStartArray("errors");
            foreach (var d in result.Diagnostics)
            {
                json.WriteStartObject();
                json.WriteNumber("line", d.Mark.Line);
                json.WriteNumber("column", d.Mark.Column);
                json.WriteString("path", d.Path);
                json.WriteString("message", d.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}

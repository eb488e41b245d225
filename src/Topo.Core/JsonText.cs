using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Topo.Core;

/// <summary>
/// Machine-readable output (<c>--output json</c>), written by hand with <see cref="Utf8JsonWriter"/>
/// so NativeAOT needs no reflection. The text goes to a terminal or a pipe, not into HTML, so
/// "&lt;-&gt;" and quotes stay readable (relaxed escaping).
/// </summary>
public static class JsonText
{
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}

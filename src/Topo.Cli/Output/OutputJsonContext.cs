using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Topo.Cli.Output;

/// <summary>
/// Machine-readable output (<c>--output json</c>): each document is a record serialised by source-generated
/// code, so NativeAOT needs no reflection. Properties in the records' order, camelCase, nulls written.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(PlanDocument))]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(InspectDocument))]
[JsonSerializable(typeof(CheckDocument))]
[JsonSerializable(typeof(ValidationDocument))]
[JsonSerializable(typeof(HostFanOutDocument))]
[JsonSerializable(typeof(TraceDocument))]
internal sealed partial class OutputJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The text goes to a terminal or a pipe, not into HTML, so "&lt;-&gt;" and quotes stay readable (relaxed
    /// escaping). The attribute above cannot name an encoder, so the options are made again here, the same but for it.
    /// </summary>
    public static OutputJsonContext Relaxed { get; } = new(new JsonSerializerOptions
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Write<T>(T document, Func<OutputJsonContext, JsonTypeInfo<T>> type) => JsonSerializer.Serialize(document, type(Relaxed));
}

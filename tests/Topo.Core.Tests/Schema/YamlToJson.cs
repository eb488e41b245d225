using System.Buffers;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// Reads a one-document YAML text as the JSON value an editor's schema check sees: mappings
/// become objects, sequences arrays, plain scalars resolve by the YAML 1.2 core schema, and
/// quoted or block scalars stay strings.
/// </summary>
public static class YamlToJson
{
    public static JsonElement Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count != 1)
            throw new FormatException($"expected one YAML document, found {stream.Documents.Count}");

        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
            Write(stream.Documents[0].RootNode, json);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static void Write(YamlNode node, Utf8JsonWriter json)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                json.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    // A topology file's keys are all names; a list or map as a key is a mistake.
                    var name = key as YamlScalarNode ?? throw new FormatException($"{key.Start}: a key must be a scalar");
                    json.WritePropertyName(name.Value ?? "");
                    Write(value, json);
                }
                json.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                json.WriteStartArray();
                foreach (var item in sequence.Children)
                    Write(item, json);
                json.WriteEndArray();
                break;
            // Only an untagged plain scalar is resolved; a tagged one ('!!str 1') is taken as a
            // string, since topology files have no use for tags.
            case YamlScalarNode { Style: ScalarStyle.Plain } scalar when scalar.Tag.IsEmpty:
                CoreScalars.Write(scalar.Value ?? "", json);
                break;
            case YamlScalarNode scalar:
                json.WriteStringValue(scalar.Value ?? "");
                break;
            default:
                throw new FormatException($"{node.Start}: unexpected YAML node {node.NodeType}");
        }
    }
}

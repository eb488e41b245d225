using System.Text.Json;

namespace Topo.Core.Tests.Schema;

/// <summary>The repository's topology schema, loaded fresh for each test.</summary>
public static class TopologySchema
{
    public static JsonElement Json()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.SchemaFile));
        return document.RootElement.Clone();
    }

    public static JsonSchemaValidator Validator() => new(Json());

    public static IReadOnlyList<SchemaError> Check(string yaml) => Validator().Validate(YamlToJson.Convert(yaml));
}

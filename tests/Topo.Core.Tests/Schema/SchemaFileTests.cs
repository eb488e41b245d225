using System.Text.Json;
using Json.Schema;

namespace Topo.Core.Tests.Schema;

public sealed class SchemaFileTests
{
    [Fact]
    public void The_schema_is_draft_2020_12_with_an_id_and_a_title()
    {
        var schema = TopologySchema.Json();

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.False(string.IsNullOrWhiteSpace(schema.GetProperty("$id").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(schema.GetProperty("title").GetString()));
        Assert.Equal(JsonValueKind.Object, schema.GetProperty("$defs").ValueKind);
    }

    [Fact]
    public void The_schema_uses_only_keywords_of_draft_2020_12() =>
        // The build refuses a keyword it does not know; this is the test that no keyword of the
        // schema is misspelt, or from another draft, and so checks nothing.
        Assert.NotNull(TopologySchema.Build(TopologySchema.Json()));

    [Fact]
    public void A_schema_with_a_misspelt_keyword_is_refused()
    {
        // The check above passing proves nothing if the build took anything: show it refuses.
        using var document = JsonDocument.Parse("""{"properties": {"a": {"additionalProperty": false}}}""");

        var refused = Assert.Throws<JsonSchemaException>(() => TopologySchema.Build(document.RootElement));
        Assert.Contains("additionalProperty", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_property_and_definition_has_a_description_for_editors()
    {
        var missing = new List<string>();
        CollectUndescribed(TopologySchema.Json(), "#", missing);

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_object_with_fixed_keys_refuses_unknown_ones()
    {
        var open = new List<string>();
        CollectOpenObjects(TopologySchema.Json(), "#", open);

        Assert.Empty(open);
    }

    [Fact]
    public void The_description_walk_finds_a_property_without_one()
    {
        // The walk above passing proves nothing if it never looks: show it catches one.
        using var document = JsonDocument.Parse("""{"description": "x", "properties": {"a": {"type": "string"}}}""");
        var missing = new List<string>();

        CollectUndescribed(document.RootElement, "#", missing);

        Assert.Equal(["#/properties/a"], missing);
    }

    /// <summary>
    /// Each property, definition and map-value schema is what an editor shows as hover help,
    /// so each must carry a description of its own.
    /// </summary>
    private static void CollectUndescribed(JsonElement schema, string at, List<string> missing)
    {
        if (schema.ValueKind != JsonValueKind.Object)
            return;
        foreach (var keyword in schema.EnumerateObject())
        {
            var here = $"{at}/{keyword.Name}";
            if (keyword.Name is "properties" or "$defs")
                foreach (var named in keyword.Value.EnumerateObject())
                {
                    if (!HasDescription(named.Value))
                        missing.Add($"{here}/{named.Name}");
                    CollectUndescribed(named.Value, $"{here}/{named.Name}", missing);
                }
            else if (keyword.Name is "additionalProperties" or "propertyNames" && keyword.Value.ValueKind == JsonValueKind.Object)
            {
                if (!HasDescription(keyword.Value))
                    missing.Add(here);
                CollectUndescribed(keyword.Value, here, missing);
            }
            else if (keyword.Value.ValueKind == JsonValueKind.Object)
                CollectUndescribed(keyword.Value, here, missing);
            else if (keyword.Value.ValueKind == JsonValueKind.Array)
                foreach (var (item, i) in keyword.Value.EnumerateArray().Select((item, i) => (item, i)))
                    CollectUndescribed(item, $"{here}/{i}", missing);
        }
    }

    private static bool HasDescription(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object
        && schema.TryGetProperty("description", out var text)
        && !string.IsNullOrWhiteSpace(text.GetString());

    /// <summary>Every schema with 'properties' must say what happens to other keys, and say false.</summary>
    private static void CollectOpenObjects(JsonElement schema, string at, List<string> open)
    {
        if (schema.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("properties", out _)
                && !(schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False))
                open.Add(at);
            foreach (var keyword in schema.EnumerateObject())
                CollectOpenObjects(keyword.Value, $"{at}/{keyword.Name}", open);
        }
        else if (schema.ValueKind == JsonValueKind.Array)
            foreach (var (item, i) in schema.EnumerateArray().Select((item, i) => (item, i)))
                CollectOpenObjects(item, $"{at}/{i}", open);
    }
}

using System.Text.Json;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// The validator on its own, with schemas small enough to see the answer in: if it accepted
/// everything, the example tests would pass for nothing, so each test here expects a failure
/// next to a success.
/// </summary>
public sealed class JsonSchemaValidatorTests
{
    [Theory]
    [InlineData("""{"type": "integer"}""", "3", true)]
    [InlineData("""{"type": "integer"}""", "3.0", true)]
    [InlineData("""{"type": "integer"}""", "3.5", false)]
    [InlineData("""{"type": ["string", "null"]}""", "null", true)]
    [InlineData("""{"type": ["string", "null"]}""", "false", false)]
    [InlineData("""{"const": 1}""", "1", true)]
    [InlineData("""{"const": 1}""", "\"1\"", false)]
    [InlineData("""{"enum": ["a", "b"]}""", "\"b\"", true)]
    [InlineData("""{"enum": ["a", "b"]}""", "\"c\"", false)]
    [InlineData("""{"pattern": "b"}""", "\"abc\"", true)]
    [InlineData("""{"pattern": "^b"}""", "\"abc\"", false)]
    [InlineData("""{"pattern": "^b"}""", "7", true)]
    [InlineData("""{"maxLength": 2}""", "\"\ud83d\ude00\ud83d\ude00\"", true)]
    [InlineData("""{"maxLength": 2}""", "\"abc\"", false)]
    [InlineData("""{"minimum": 2, "maximum": 4}""", "4", true)]
    [InlineData("""{"minimum": 2, "maximum": 4}""", "1", false)]
    [InlineData("""{"minimum": 2, "maximum": 4}""", "5", false)]
    [InlineData("""{"minItems": 1, "maxItems": 1}""", "[1]", true)]
    [InlineData("""{"minItems": 1, "maxItems": 1}""", "[]", false)]
    [InlineData("""{"minItems": 1, "maxItems": 1}""", "[1, 2]", false)]
    [InlineData("""{"items": {"type": "string"}}""", "[\"a\", 2]", false)]
    [InlineData("""{"required": ["a"]}""", "{\"a\": 0}", true)]
    [InlineData("""{"required": ["a"]}""", "{\"b\": 0}", false)]
    [InlineData("""{"propertyNames": {"pattern": "^x"}}""", "{\"xa\": 0, \"ya\": 0}", false)]
    [InlineData("""{"additionalProperties": {"type": "string"}}""", "{\"a\": \"s\"}", true)]
    [InlineData("""{"additionalProperties": {"type": "string"}}""", "{\"a\": 1}", false)]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""", "1", true)]
    [InlineData("""{"anyOf": [{"type": "string"}, {"type": "integer"}]}""", "true", false)]
    [InlineData("""{"oneOf": [{"minimum": 1}, {"maximum": 5}]}""", "0", true)]
    [InlineData("""{"oneOf": [{"minimum": 1}, {"maximum": 5}]}""", "3", false)]
    [InlineData("""{"$ref": "#/$defs/s", "$defs": {"s": {"type": "string"}}}""", "\"a\"", true)]
    [InlineData("""{"$ref": "#/$defs/s", "$defs": {"s": {"type": "string"}}}""", "1", false)]
    public void A_keyword_accepts_or_refuses(string schema, string instance, bool valid) =>
        Assert.Equal(valid, Validate(schema, instance).Count == 0);

    [Fact]
    public void An_unknown_key_is_reported_at_the_key_with_its_name_escaped()
    {
        var errors = Validate("""{"properties": {"a": {}}, "additionalProperties": false}""", """{"a": 1, "x/y~z": 2}""");

        var error = Assert.Single(errors);
        Assert.Equal("/x~1y~0z", error.Path);
        Assert.Contains("expected one of: a", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_errors_point_into_the_instance()
    {
        var errors = Validate(
            """{"properties": {"list": {"items": {"properties": {"n": {"type": "integer"}}}}}}""",
            """{"list": [{"n": 1}, {"n": "two"}]}""");

        Assert.Equal(["/list/1/n"], errors.Select(e => e.Path));
    }

    [Fact]
    public void When_no_alternative_holds_the_one_of_the_right_type_explains()
    {
        var errors = Validate(
            """{"oneOf": [{"type": "array", "maxItems": 2}, {"type": "object", "required": ["e"]}]}""",
            "[1, 2, 3]");

        Assert.Equal([("", "maxItems")], errors.Select(e => (e.Path, e.Keyword)));
    }

    [Theory]
    [InlineData("""{"if": {"type": "string"}}""")]
    [InlineData("""{"properties": {"a": {"patternProperties": {}}}}""")]
    [InlineData("""{"$ref": "#/$defs/missing", "$defs": {}}""")]
    [InlineData("""{"$ref": "other.json#/x"}""")]
    [InlineData("""{"type": "int"}""")]
    public void A_schema_the_validator_cannot_honour_is_refused_on_load(string schema)
    {
        using var document = JsonDocument.Parse(schema);

        Assert.Throws<NotSupportedException>(() => new JsonSchemaValidator(document.RootElement));
    }

    private static IReadOnlyList<SchemaError> Validate(string schema, string instance)
    {
        using var schemaDocument = JsonDocument.Parse(schema);
        using var instanceDocument = JsonDocument.Parse(instance);
        return new JsonSchemaValidator(schemaDocument.RootElement).Validate(instanceDocument.RootElement);
    }
}

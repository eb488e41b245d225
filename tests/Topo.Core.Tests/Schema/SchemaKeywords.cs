using System.Collections.Frozen;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// The keywords <see cref="JsonSchemaValidator"/> understands, and a check that a schema uses no
/// others. A validator that skipped a keyword it did not know would pass documents the schema
/// means to reject, so an unknown keyword is refused when the schema is loaded instead.
/// </summary>
public static class SchemaKeywords
{
    /// <summary>Keywords that say something to people and editors, never to validation.</summary>
    public static readonly FrozenSet<string> Annotations =
        FrozenSet.ToFrozenSet(["$schema", "$id", "title", "description", "default"], StringComparer.Ordinal);

    /// <summary>Keywords whose value is one subschema.</summary>
    private static readonly FrozenSet<string> OneSubschema =
        FrozenSet.ToFrozenSet(["additionalProperties", "propertyNames", "items"], StringComparer.Ordinal);

    /// <summary>Keywords whose value is a map of names to subschemas.</summary>
    private static readonly FrozenSet<string> NamedSubschemas =
        FrozenSet.ToFrozenSet(["$defs", "properties"], StringComparer.Ordinal);

    /// <summary>Keywords whose value is a list of subschemas.</summary>
    private static readonly FrozenSet<string> ListedSubschemas =
        FrozenSet.ToFrozenSet(["anyOf", "oneOf"], StringComparer.Ordinal);

    /// <summary>Keywords that constrain the instance directly.</summary>
    private static readonly FrozenSet<string> Assertions = FrozenSet.ToFrozenSet(
        ["type", "required", "enum", "const", "pattern", "maxLength", "minimum", "maximum", "minItems", "maxItems", "$ref"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> TypeNames = FrozenSet.ToFrozenSet(
        ["null", "boolean", "object", "array", "number", "integer", "string"], StringComparer.Ordinal);

    /// <summary>Throws <see cref="NotSupportedException"/> naming the first keyword, type or reference the validator cannot honour.</summary>
    public static void EnsureSupported(JsonElement root)
    {
        var defs = root.TryGetProperty("$defs", out var d)
            ? d.EnumerateObject().Select(p => p.Name).ToFrozenSet(StringComparer.Ordinal)
            : FrozenSet<string>.Empty;
        Walk(root, "#", defs);
    }

    private static void Walk(JsonElement schema, string at, FrozenSet<string> defs)
    {
        if (schema.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return;
        if (schema.ValueKind != JsonValueKind.Object)
            throw new NotSupportedException($"{at}: a schema must be an object or a boolean");

        foreach (var keyword in schema.EnumerateObject())
        {
            var here = $"{at}/{keyword.Name}";
            if (OneSubschema.Contains(keyword.Name))
                Walk(keyword.Value, here, defs);
            else if (NamedSubschemas.Contains(keyword.Name))
                foreach (var named in keyword.Value.EnumerateObject())
                    Walk(named.Value, $"{here}/{named.Name}", defs);
            else if (ListedSubschemas.Contains(keyword.Name))
                foreach (var (branch, i) in keyword.Value.EnumerateArray().Select((b, i) => (b, i)))
                    Walk(branch, $"{here}/{i}", defs);
            else if (Assertions.Contains(keyword.Name))
                CheckAssertion(keyword, here, defs);
            else if (!Annotations.Contains(keyword.Name))
                throw new NotSupportedException($"{here}: the validator does not implement '{keyword.Name}'");
        }
    }

    private static void CheckAssertion(JsonProperty keyword, string at, FrozenSet<string> defs)
    {
        switch (keyword.Name)
        {
            case "$ref":
                if (DefName(keyword.Value.GetString() ?? "") is not { } name || !defs.Contains(name))
                    throw new NotSupportedException($"{at}: '{keyword.Value.GetString()}' is not a '#/$defs/NAME' of this schema");
                break;
            case "type":
                var names = keyword.Value.ValueKind == JsonValueKind.Array
                    ? keyword.Value.EnumerateArray().Select(t => t.GetString() ?? "")
                    : [keyword.Value.GetString() ?? ""];
                if (names.FirstOrDefault(n => !TypeNames.Contains(n)) is { } unknown)
                    throw new NotSupportedException($"{at}: unknown type '{unknown}'");
                break;
            case "pattern":
                // Compile once here so that a pattern .NET cannot read fails on load, not on the first string.
                _ = new Regex(keyword.Value.GetString() ?? "", JsonSchemaValidator.PatternOptions);
                break;
        }
    }

    /// <summary>NAME from "#/$defs/NAME"; null for any other reference, which this validator does not follow.</summary>
    public static string? DefName(string reference) =>
        reference.StartsWith("#/$defs/", StringComparison.Ordinal) && reference.IndexOf('/', 8) < 0
            ? reference[8..]
            : null;
}

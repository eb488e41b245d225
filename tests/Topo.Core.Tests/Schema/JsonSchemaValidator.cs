using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// A JSON Schema (draft 2020-12) validator for exactly the keywords topology.schema.json uses
/// (see <see cref="SchemaKeywords"/>); the schema is refused on load if it uses any other.
/// Errors are located by JSON pointer into the instance.
/// </summary>
public sealed class JsonSchemaValidator
{
    /// <summary>
    /// Schema patterns are ECMA-262 regular expressions, as editors (ajv in yaml-language-server)
    /// run them; .NET's ECMAScript mode gives '\s', '\d' and '\w' the same meaning.
    /// </summary>
    public const RegexOptions PatternOptions = RegexOptions.ECMAScript;

    private readonly JsonElement root;
    private readonly Dictionary<string, Regex> patterns = new(StringComparer.Ordinal);

    public JsonSchemaValidator(JsonElement schema)
    {
        SchemaKeywords.EnsureSupported(schema);
        root = schema.Clone();
    }

    public IReadOnlyList<SchemaError> Validate(JsonElement instance)
    {
        var errors = new List<SchemaError>();
        Evaluate(root, instance, "", errors);
        return errors;
    }

    private void Evaluate(JsonElement schema, JsonElement instance, string path, List<SchemaError> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
            return;
        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add(new(path, "false", "nothing is allowed here"));
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var value = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref": Evaluate(Definition(value.GetString()!), instance, path, errors); break;
                case "type": CheckType(value, instance, path, errors); break;
                case "const":
                    if (!JsonElement.DeepEquals(value, instance))
                        errors.Add(new(path, "const", $"must be {value.GetRawText()}"));
                    break;
                case "enum":
                    if (!value.EnumerateArray().Any(option => JsonElement.DeepEquals(option, instance)))
                        errors.Add(new(path, "enum", $"must be one of {string.Join(", ", value.EnumerateArray().Select(o => o.GetRawText()))}"));
                    break;
                case "anyOf": CheckAlternatives(value, instance, path, errors, exactlyOne: false); break;
                case "oneOf": CheckAlternatives(value, instance, path, errors, exactlyOne: true); break;
                default:
                    if (instance.ValueKind == JsonValueKind.Object)
                        CheckObject(keyword, schema, instance, path, errors);
                    else if (instance.ValueKind == JsonValueKind.Array)
                        CheckArray(keyword, instance, path, errors);
                    else if (instance.ValueKind == JsonValueKind.String)
                        CheckString(keyword, schema, instance.GetString()!, path, errors);
                    else if (instance.ValueKind == JsonValueKind.Number)
                        CheckNumber(keyword, instance.GetDouble(), path, errors);
                    break;
            }
        }
    }

    private JsonElement Definition(string reference) =>
        root.GetProperty("$defs").GetProperty(SchemaKeywords.DefName(reference)!);

    private static void CheckType(JsonElement type, JsonElement instance, string path, List<SchemaError> errors)
    {
        var allowed = type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
            : [type.GetString()!];
        if (!allowed.Any(t => HasType(instance, t)))
            errors.Add(new(path, "type", $"must be {string.Join(" or ", allowed)}, not {Describe(instance)}"));
    }

    private static bool HasType(JsonElement instance, string type) => type switch
    {
        "null" => instance.ValueKind == JsonValueKind.Null,
        "boolean" => instance.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => instance.ValueKind == JsonValueKind.Object,
        "array" => instance.ValueKind == JsonValueKind.Array,
        "string" => instance.ValueKind == JsonValueKind.String,
        "number" => instance.ValueKind == JsonValueKind.Number,
        // 2020-12 counts 2.0 as an integer: the type is the mathematical value, not the spelling.
        "integer" => instance.ValueKind == JsonValueKind.Number && double.IsInteger(instance.GetDouble()),
        _ => throw new NotSupportedException($"type '{type}'"),
    };

    private static string Describe(JsonElement instance) => instance.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => $"the string {instance.GetRawText()}",
        _ => instance.GetRawText(),
    };

    private void CheckObject(JsonProperty keyword, JsonElement schema, JsonElement instance, string path, List<SchemaError> errors)
    {
        switch (keyword.Name)
        {
            case "required":
                foreach (var name in keyword.Value.EnumerateArray().Select(n => n.GetString()!))
                    if (!instance.TryGetProperty(name, out _))
                        errors.Add(new(path, "required", $"'{name}' is required"));
                break;
            case "properties":
                foreach (var property in instance.EnumerateObject())
                    if (keyword.Value.TryGetProperty(property.Name, out var sub))
                        Evaluate(sub, property.Value, JsonPointer.Append(path, property.Name), errors);
                break;
            case "additionalProperties":
                var known = schema.TryGetProperty("properties", out var props) ? props : default;
                foreach (var property in instance.EnumerateObject())
                {
                    if (known.ValueKind == JsonValueKind.Object && known.TryGetProperty(property.Name, out _))
                        continue;
                    var at = JsonPointer.Append(path, property.Name);
                    if (keyword.Value.ValueKind == JsonValueKind.False)
                        errors.Add(new(at, "additionalProperties", UnknownKey(property.Name, known)));
                    else
                        Evaluate(keyword.Value, property.Value, at, errors);
                }
                break;
            case "propertyNames":
                foreach (var property in instance.EnumerateObject())
                    Evaluate(keyword.Value, JsonSerializer.SerializeToElement(property.Name), JsonPointer.Append(path, property.Name), errors);
                break;
        }
    }

    private static string UnknownKey(string name, JsonElement known) =>
        known.ValueKind == JsonValueKind.Object
            ? $"unknown key '{name}' (expected one of: {string.Join(", ", known.EnumerateObject().Select(p => p.Name))})"
            : $"unknown key '{name}'";

    private void CheckArray(JsonProperty keyword, JsonElement instance, string path, List<SchemaError> errors)
    {
        var count = instance.GetArrayLength();
        switch (keyword.Name)
        {
            case "items":
                foreach (var (item, i) in instance.EnumerateArray().Select((item, i) => (item, i)))
                    Evaluate(keyword.Value, item, JsonPointer.Append(path, i), errors);
                break;
            case "minItems" when count < keyword.Value.GetInt32():
                errors.Add(new(path, "minItems", $"has {count} items, needs at least {keyword.Value.GetInt32()}"));
                break;
            case "maxItems" when count > keyword.Value.GetInt32():
                errors.Add(new(path, "maxItems", $"has {count} items, allows at most {keyword.Value.GetInt32()}"));
                break;
        }
    }

    private void CheckString(JsonProperty keyword, JsonElement schema, string text, string path, List<SchemaError> errors)
    {
        switch (keyword.Name)
        {
            // JSON Schema measures length in code points, so a character outside the BMP counts once.
            case "maxLength" when text.EnumerateRunes().Count() > keyword.Value.GetInt32():
                errors.Add(new(path, "maxLength", $"'{text}' is longer than {keyword.Value.GetInt32()} characters"));
                break;
            // An unanchored search, as the specification says: anchors belong in the pattern itself.
            case "pattern" when !Pattern(keyword.Value.GetString()!).IsMatch(text):
                errors.Add(new(path, "pattern", $"'{text}' is not {Expected(schema, keyword.Value)}"));
                break;
        }
    }

    private static void CheckNumber(JsonProperty keyword, double number, string path, List<SchemaError> errors)
    {
        var shown = number.ToString(CultureInfo.InvariantCulture);
        switch (keyword.Name)
        {
            case "minimum" when number < keyword.Value.GetDouble():
                errors.Add(new(path, "minimum", $"{shown} is less than {keyword.Value.GetRawText()}"));
                break;
            case "maximum" when number > keyword.Value.GetDouble():
                errors.Add(new(path, "maximum", $"{shown} is more than {keyword.Value.GetRawText()}"));
                break;
        }
    }

    /// <summary>
    /// The first sentence of the schema's description says what was expected far better than a
    /// regular expression of several hundred characters; the pattern is the fallback.
    /// </summary>
    private static string Expected(JsonElement schema, JsonElement pattern)
    {
        if (!schema.TryGetProperty("description", out var description))
            return $"matched by {pattern.GetString()}";
        var text = description.GetString()!;
        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? text.TrimEnd('.') : text[..end];
    }

    private Regex Pattern(string pattern)
    {
        if (!patterns.TryGetValue(pattern, out var regex))
            patterns[pattern] = regex = new Regex(pattern, PatternOptions);
        return regex;
    }

    /// <summary>
    /// anyOf and oneOf. When no branch holds, the errors of the one branch whose type fits the
    /// instance say the most (a short link that has three endpoints is wrong as a short link,
    /// not as a long one); a branch also does not fit when a property it fixes with <c>const</c> is
    /// missing where required or different (<c>type: macvlan</c> is no veth). When several fit, one
    /// error at the instance lists what was expected.
    /// </summary>
    private void CheckAlternatives(JsonElement branches, JsonElement instance, string path, List<SchemaError> errors, bool exactlyOne)
    {
        var outcomes = branches.EnumerateArray().Select(branch =>
        {
            var branchErrors = new List<SchemaError>();
            Evaluate(branch, instance, path, branchErrors);
            return (branch, errors: branchErrors);
        }).ToList();

        var holding = outcomes.Count(o => o.errors.Count == 0);
        var keyword = exactlyOne ? "oneOf" : "anyOf";
        if (holding == 1 || (holding > 1 && !exactlyOne))
            return;
        if (holding > 1)
        {
            errors.Add(new(path, keyword, $"matches {holding} alternatives where exactly one must match"));
            return;
        }

        var fitting = outcomes.Where(o => !o.errors.Any(e => e.Keyword == "type" && e.Path == path) && Discriminated(o.branch, instance)).ToList();
        if (fitting.Count == 1)
            errors.AddRange(fitting[0].errors);
        else
            errors.Add(new(path, keyword, $"must be one of: {string.Join(" | ", outcomes.Select(o => Summary(o.branch)))}"));
    }

    private bool Discriminated(JsonElement branch, JsonElement instance)
    {
        if (branch.TryGetProperty("$ref", out var reference)) return Discriminated(Definition(reference.GetString()!), instance);
        if (instance.ValueKind != JsonValueKind.Object || !branch.TryGetProperty("properties", out var properties)) return true;
        var required = branch.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
        foreach (var property in properties.EnumerateObject())
        {
            if (!property.Value.TryGetProperty("const", out var fixedValue)) continue;
            if (instance.TryGetProperty(property.Name, out var given) ? !JsonElement.DeepEquals(given, fixedValue) : required.Contains(property.Name))
                return false;
        }

        return true;
    }

    private string Summary(JsonElement branch)
    {
        if (branch.TryGetProperty("description", out var description))
            return description.GetString()!;
        if (branch.TryGetProperty("$ref", out var reference))
            return Summary(Definition(reference.GetString()!));
        return branch.GetRawText();
    }
}

using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// A mapping with a fixed set of keys (a bridge, a route, a check). Reading it reports unknown
/// and duplicate keys; the typed getters report wrong types and missing required keys.
/// </summary>
internal sealed class Fields
{
    private readonly YamlMap map;
    private readonly string path;
    private readonly Problems problems;
    private readonly ImmutableArray<string> allowed;
    private readonly YamlValue?[] values; // by position in allowed: a handful of keys need no dictionary

    private Fields(YamlMap map, string path, Problems problems, ImmutableArray<string> allowed, YamlValue?[] values)
    {
        this.map = map;
        this.path = path;
        this.problems = problems;
        this.allowed = allowed;
        this.values = values;
    }

    public static Fields Read(YamlMap map, string path, ImmutableArray<string> allowed, Problems problems)
    {
        var values = new YamlValue?[allowed.Length];
        foreach (var (key, value) in Shapes.UniqueEntries(map, path, problems))
        {
            var index = allowed.IndexOf(key.Value);
            if (index >= 0)
            {
                values[index] = value;
            }
            else
            {
                problems.Add(key.Mark, path, UnknownKey(key.Value, allowed));
            }
        }

        return new Fields(map, path, problems, allowed, values);
    }

    public string PathOf(string key) => DocumentPath.Key(path, key);

    public YamlValue? Value(string key) => values[allowed.IndexOf(key)];

    public Located<string>? String(string key) =>
        Value(key) is { } value ? ScalarValues.String(value, PathOf(key), problems) : null;

    public Located<int>? Int(string key) =>
        Value(key) is { } value ? ScalarValues.Int(value, PathOf(key), problems) : null;

    public Located<bool>? Bool(string key) =>
        Value(key) is { } value ? ScalarValues.Bool(value, PathOf(key), problems) : null;

    /// <summary>Reports a missing required key at the start of the mapping; true when present.</summary>
    public bool Require(string key, string hint = "")
    {
        if (Value(key) is not null)
        {
            return true;
        }

        problems.Add(map.Mark, path, $"missing required key '{key}'{hint}");
        return false;
    }

    public Located<string>? RequiredString(string key, string hint = "") => Require(key, hint) ? String(key) : null;

    private static string UnknownKey(string key, ImmutableArray<string> allowed) =>
        KeySuggestions.Closest(key, allowed) is { } meant
            ? $"unknown key '{key}': did you mean '{meant}'?"
            : $"unknown key '{key}': the keys here are {string.Join(", ", allowed)}";
}

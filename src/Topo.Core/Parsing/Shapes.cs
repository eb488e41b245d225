using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// Mappings and lists as the readers need them: the right shape or an error, duplicate keys
/// reported once, and an empty value (<c>nodes:</c>) taken as an empty collection.
/// </summary>
internal static class Shapes
{
    private const int SmallMap = 8;

    public static YamlMap? Map(YamlValue value, string path, Problems problems)
    {
        if (value is YamlMap map)
        {
            return map;
        }

        problems.Add(value.Mark, path, $"expected a mapping, got {ScalarValues.Describe(value)}");
        return null;
    }

    /// <summary>A mapping where an empty value also means "nothing set" (<c>box1:</c> is <c>box1: {}</c>).</summary>
    public static YamlMap? MapOrEmpty(YamlValue value, string path, Problems problems) =>
        value is YamlScalar { IsNull: true } ? new YamlMap(value.Mark, []) : Map(value, path, problems);

    /// <summary>The entries of a mapping with a name for a key; the first of a duplicated key wins.</summary>
    public static List<(Located<string> Key, YamlValue Value)> UniqueEntries(YamlMap map, string path, Problems problems)
    {
        var entries = new List<(Located<string> Key, YamlValue Value)>(map.Entries.Length);
        // Most mappings have a handful of keys: a scan beats building a dictionary for each.
        var seen = map.Entries.Length > SmallMap ? new Dictionary<string, SourceMark>(map.Entries.Length, StringComparer.Ordinal) : null;
        foreach (var (key, value) in map.Entries)
        {
            if (key is not YamlScalar { IsNull: false } name)
            {
                problems.Add(key.Mark, path, $"a key must be a name, got {ScalarValues.Describe(key)}");
                continue;
            }

            if (EarlierMark(name, entries, seen) is { } firstMark)
            {
                problems.Add(name.Mark, path, $"duplicate key '{name.Text}': it is already defined at line {firstMark.Line}");
                continue;
            }

            entries.Add((new Located<string>(name.Text, name.Mark), value));
        }

        return entries;
    }

    /// <summary>Where <paramref name="key"/> was already defined, or null (then it is recorded in <paramref name="seen"/>).</summary>
    private static SourceMark? EarlierMark(
        YamlScalar key, List<(Located<string> Key, YamlValue Value)> entries, Dictionary<string, SourceMark>? seen)
    {
        if (seen is not null)
        {
            return seen.TryAdd(key.Text, key.Mark) ? null : seen[key.Text];
        }

        foreach (var (earlier, _) in entries)
        {
            if (earlier.Value == key.Text)
            {
                return earlier.Mark;
            }
        }

        return null;
    }

    /// <summary>A mapping of NAME to item (<c>nodes</c>, <c>sysctls</c>, a link's <c>addresses</c>); absent or empty means none.</summary>
    public static ImmutableArray<T> Named<T>(
        YamlValue? value, string path, Problems problems, Func<Located<string>, YamlValue, string, T?> read)
        where T : class
    {
        if (value is null or YamlScalar { IsNull: true } || Map(value, path, problems) is not { } map)
        {
            return [];
        }

        var items = ImmutableArray.CreateBuilder<T>(map.Entries.Length);
        foreach (var (key, entry) in UniqueEntries(map, path, problems))
        {
            if (read(key, entry, DocumentPath.Key(path, key.Value)) is { } item)
            {
                items.Add(item);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>A list of items (<c>links</c>, <c>routes</c>, <c>ports</c>); absent or empty means none.</summary>
    public static ImmutableArray<T> Items<T>(YamlValue? value, string path, Problems problems, Func<YamlValue, string, T?> read)
        where T : class
    {
        if (value is null or YamlScalar { IsNull: true })
        {
            return [];
        }

        if (value is not YamlList list)
        {
            problems.Add(value.Mark, path, $"expected a list, got {ScalarValues.Describe(value)}");
            return [];
        }

        var items = ImmutableArray.CreateBuilder<T>(list.Items.Length);
        for (var i = 0; i < list.Items.Length; i++)
        {
            if (read(list.Items[i], DocumentPath.Index(path, i)) is { } item)
            {
                items.Add(item);
            }
        }

        return items.ToImmutable();
    }

    /// <summary>A list of strings, e.g. <c>ports</c>.</summary>
    public static ImmutableArray<Located<string>> Strings(YamlValue? value, string path, Problems problems) =>
        Items(value, path, problems, (item, itemPath) => ScalarValues.String(item, itemPath, problems));

    /// <summary>One string or a list of them, e.g. an endpoint's addresses or a bridge's subnets: a single value is a list of one.</summary>
    public static ImmutableArray<Located<string>> OneOrMany(YamlValue value, string path, Problems problems) =>
        value is YamlScalar { IsNull: false } single
            ? [new Located<string>(single.Text, single.Mark)]
            : Strings(value, path, problems);
}

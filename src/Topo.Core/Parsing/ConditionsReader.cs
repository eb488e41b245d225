using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// A link's <c>conditions:</c>: a mapping whose scalar entries hold for every end of the link
/// (<c>delay: 10ms</c>) and whose mapping entries are single ends, keyed by the endpoint as written
/// (<c>box1:eth0: {loss: 1%}</c>). The values stay text here: their units are read by validation.
/// </summary>
internal static class ConditionsReader
{
    /// <summary>The keys, in the order <c>tc qdisc ... netem</c> takes its words.</summary>
    public static readonly ImmutableArray<string> Keys = ["delay", "jitter", "loss", "duplicate", "corrupt", "rate"];

    public static ConditionsSpec Read(YamlValue? value, string path, Problems problems)
    {
        if (value is null or YamlScalar { IsNull: true } || Shapes.Map(value, path, problems) is not { } map) return ConditionsSpec.None;
        var whole = ImmutableArray.CreateBuilder<ConditionSetting>();
        var ends = ImmutableArray.CreateBuilder<EndpointConditions>();
        foreach (var (key, entry) in Shapes.UniqueEntries(map, path, problems))
        {
            var entryPath = DocumentPath.Key(path, key.Value);
            if (entry is YamlMap end)
            {
                ends.Add(new EndpointConditions(key, Settings(end, $"{path}['{key.Value}']", problems)));
            }
            else if (!Keys.Contains(key.Value))
            {
                // An end's settings are a mapping: a scalar under a name that is no key is a misspelt key.
                var meant = KeySuggestions.Closest(key.Value, Keys);
                problems.Add(key.Mark, path, meant is not null
                    ? $"unknown condition '{key.Value}': did you mean '{meant}'?"
                    : $"unknown condition '{key.Value}' (conditions: {string.Join(", ", Keys)}; or an endpoint of the link with a mapping of them)");
            }
            else if (ScalarValues.String(entry, entryPath, problems) is { } text)
            {
                whole.Add(new ConditionSetting(key, text));
            }
        }

        return new ConditionsSpec(whole.ToImmutable(), ends.ToImmutable());
    }

    private static ImmutableArray<ConditionSetting> Settings(YamlMap map, string path, Problems problems)
    {
        var fields = Fields.Read(map, path, Keys, problems);
        return [.. Keys.Select(k => fields.String(k) is { } v ? new ConditionSetting(new Located<string>(k, v.Mark), v) : null).OfType<ConditionSetting>()];
    }
}

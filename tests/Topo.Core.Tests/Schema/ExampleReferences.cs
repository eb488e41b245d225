using System.Text.Json;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// The names an example uses that it does not declare. The schema checks each name's shape
/// but cannot see that 'box9' is no node; a teaching file with such a typo would be refused by
/// topo, so the examples are held to it here (loosely: the real rules live in Validation/).
/// </summary>
public static class ExampleReferences
{
    private const string Host = "host";

    public static IReadOnlyList<string> Unresolved(JsonElement lab)
    {
        var nodes = Keys(lab, "nodes");
        var bridges = Keys(lab, "bridges");
        var unresolved = new List<string>();

        foreach (var (link, i) in Array(lab, "links").Select((link, i) => (link, i)))
        {
            // A device link (macvlan, vlan, dummy, ...) names its parent, if any, and its endpoint, and only the endpoint takes addresses and a MAC.
            var macvlan = link.ValueKind == JsonValueKind.Object && link.TryGetProperty("endpoint", out _);
            var named = macvlan
                ? new[] { "parent", "endpoint" }.Where(k => link.TryGetProperty(k, out _)).Select(k => link.GetProperty(k).GetString()!).ToList()
                : (link.ValueKind == JsonValueKind.Array ? link : link.GetProperty("endpoints")).EnumerateArray().Select(e => e.GetString()!).ToList();
            var declared = (macvlan ? named.TakeLast(1) : named).ToHashSet(StringComparer.Ordinal);
            foreach (var endpoint in named)
            {
                var owner = endpoint.Split(':')[0];
                if (owner != Host && !nodes.Contains(owner) && !bridges.Contains(owner))
                    unresolved.Add($"links[{i}]: '{endpoint}' names no node or bridge");
            }
            foreach (var keyed in new[] { "addresses", "mac" })
                if (link.ValueKind == JsonValueKind.Object && link.TryGetProperty(keyed, out var map))
                    foreach (var key in map.EnumerateObject().Where(k => !declared.Contains(k.Name)))
                        unresolved.Add($"links[{i}].{keyed}: '{key.Name}' is not one of the link's endpoints");
        }

        foreach (var (check, i) in Array(lab, "checks").Select((check, i) => (check, i)))
        {
            var from = check.GetProperty("from").GetString()!;
            if (from != Host && !nodes.Contains(from))
                unresolved.Add($"checks[{i}].from: '{from}' names no node");
            var written = check.GetProperty("to").GetString()!;
            var to = written.Split(':')[0];
            // A target starting with a letter is a node or the host; the rest are addresses (IPv6 ones hold "::" or start with '[').
            if (char.IsAsciiLetterLower(to[0]) && !written.Contains("::", StringComparison.Ordinal) && to != Host && !nodes.Contains(to))
                unresolved.Add($"checks[{i}].to: '{to}' names no node");
        }

        return unresolved;
    }

    private static HashSet<string> Keys(JsonElement lab, string section) =>
        lab.TryGetProperty(section, out var map)
            ? map.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal)
            : [];

    private static IEnumerable<JsonElement> Array(JsonElement lab, string section) =>
        lab.TryGetProperty(section, out var list) ? list.EnumerateArray() : [];
}

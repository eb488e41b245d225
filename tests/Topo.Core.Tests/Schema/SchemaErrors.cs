using Json.Schema;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// The errors of an evaluation, each where the document is wrong. The library reports every
/// alternative of a oneOf or anyOf that did not hold; a short link with three endpoints is also
/// "not an object" to the long form. What the document meant is the one alternative it fails
/// only inside of (it has that alternative's shape, and no const of it differs: <c>type:
/// macvlan</c> is no veth); with no such alternative, or several, the error is the choice itself.
/// </summary>
public static class SchemaErrors
{
    public static IReadOnlyList<SchemaError> Of(EvaluationResults results) => [.. Explain(results)];

    private static IEnumerable<SchemaError> Explain(EvaluationResults node)
    {
        if (node.IsValid)
            return [];
        var at = node.InstanceLocation.ToString();
        // The false schema (an unknown key under additionalProperties: false) reports under no keyword.
        var own = (node.Errors ?? new Dictionary<string, string>()).Select(e => new SchemaError(at, e.Key.Length == 0 ? "false" : e.Key, e.Value));
        var children = node.Details ?? [];
        var inner = children.Where(c => Alternative(c) is null).SelectMany(Explain);
        var chosen = children.Where(c => Alternative(c) is not null).GroupBy(Alternative).SelectMany(g => Choice(at, g.Key!, [.. g]));
        return [.. own, .. inner, .. chosen];
    }

    private static IEnumerable<SchemaError> Choice(string at, string keyword, IReadOnlyList<EvaluationResults> branches)
    {
        // A oneOf that more than one branch satisfies fails at its own node, which says so itself.
        if (branches.Any(b => b.IsValid))
            return [];
        var meant = branches.Select(b => Explain(b).ToList())
            .Where(errors => errors.All(e => e.Path.StartsWith(at + "/", StringComparison.Ordinal) && e.Keyword != "const"))
            .ToList();
        return meant.Count == 1
            ? meant[0]
            : [new SchemaError(at, keyword, $"is none of the {branches.Count} forms allowed here")];
    }

    /// <summary>"oneOf" or "anyOf" when the node is one branch of it, from its evaluation path ".../oneOf/2".</summary>
    private static string? Alternative(EvaluationResults node)
    {
        var segments = node.EvaluationPath.ToString().Split('/');
        return segments.Length >= 2 && segments[^2] is "oneOf" or "anyOf" && int.TryParse(segments[^1], out _) ? segments[^2] : null;
    }
}

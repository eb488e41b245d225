using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// The plan for machines (<c>--output json</c>): <c>{"lab", "summary": {add, change, destroy}, "steps": [{action, kind,
/// namespace, name, description, changes}]}</c>. Steps in plan order; a step's <c>changes</c> are its changed attributes.
/// </summary>
public static class PlanJson
{
    public static string Write(Plan plan)
    {
        var summary = PlanSummary.Of(plan);
        var document = new PlanDocument(plan.Lab, new PlanSummaryDocument(summary.Add, summary.Change, summary.Destroy),
            [.. plan.Steps.Select(step => new PlanStepDocument(
                step.Action.ToString().ToLowerInvariant(),
                step.Key.Kind.ToString().ToLowerInvariant(),
                step.Key.Namespace.Display,
                step.Key.Name,
                step.Subject.Describe(),
                AttrChangeDocument.Of(step.Attrs)))]);
        return OutputJsonContext.Write(document, c => c.PlanDocument) + "\n";
    }
}

internal sealed record PlanDocument(string Lab, PlanSummaryDocument Summary, IReadOnlyList<PlanStepDocument> Steps);

internal sealed record PlanSummaryDocument(int Add, int Change, int Destroy);

internal sealed record PlanStepDocument(string Action, string Kind, string Namespace, string Name, string Description, IReadOnlyList<AttrChangeDocument> Changes);

/// <summary>Attribute differences as <c>[{attribute, old, new}]</c>, the same for plan and status.</summary>
internal sealed record AttrChangeDocument(string Attribute, string? Old, string? New)
{
    public static IReadOnlyList<AttrChangeDocument> Of(IEnumerable<AttrChange> changes) => [.. changes.Select(a => new AttrChangeDocument(a.Name, a.Old, a.New))];
}

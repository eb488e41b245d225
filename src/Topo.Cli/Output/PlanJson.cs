using System.Text.Json;
using Topo.Core;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary>
/// The plan for machines (<c>--output json</c>), written by hand with <see cref="Utf8JsonWriter"/>
/// so NativeAOT needs no reflection; the text is for a terminal or a pipe,
/// not for HTML, so "&lt;-&gt;" stays readable (relaxed escaping). Steps in plan order; a step's <c>changes</c> are its changed attributes.
/// </summary>
public static class PlanJson
{
    public static string Write(Plan plan) =>
        JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("lab", plan.Lab);

            var summary = PlanSummary.Of(plan);
            json.WriteStartObject("summary");
            json.WriteNumber("add", summary.Add);
            json.WriteNumber("change", summary.Change);
            json.WriteNumber("destroy", summary.Destroy);
            json.WriteEndObject();

            json.WriteStartArray("steps");
            foreach (var step in plan.Steps) WriteStep(json, step);
            json.WriteEndArray();

            json.WriteEndObject();
        }) + "\n";

    private static void WriteStep(Utf8JsonWriter json, Change step)
    {
        json.WriteStartObject();
        json.WriteString("action", step.Action.ToString().ToLowerInvariant());
        json.WriteString("kind", step.Key.Kind.ToString().ToLowerInvariant());
        json.WriteString("namespace", Netns.Display(step.Key.Namespace));
        json.WriteString("name", step.Key.Name);
        json.WriteString("description", step.Subject.Describe());
        WriteChanges(json, "changes", step.Attrs);
        json.WriteEndObject();
    }

    /// <summary>Attribute differences as <c>[{attribute, old, new}]</c>, the same for plan and status.</summary>
    public static void WriteChanges(Utf8JsonWriter json, string property, IEnumerable<AttrChange> changes)
    {
        json.WriteStartArray(property);
        foreach (var attr in changes)
        {
            json.WriteStartObject();
            json.WriteString("attribute", attr.Name);
            json.WriteString("old", attr.Old);
            json.WriteString("new", attr.New);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}

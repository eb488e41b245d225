using System.Text;
using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary><c>topo status</c> as text: every object, grouped by namespace, with what differs.</summary>
public static class StatusText
{
    /// <param name="names">How to name attached namespaces (by their nodes, from the file); plain paths when null.</param>
    public static string Render(StatusReport report, NamespaceNames? names = null)
    {
        names ??= NamespaceNames.Plain;
        var text = new StringBuilder();
        foreach (var group in report.Rows.GroupBy(r => r.Resource.Namespace))
        {
            text.AppendLine(group.Key.IsHost ? "host:" : $"netns {names.Of(group.Key)}:");
            foreach (var row in group)
            {
                text.AppendLine($"  {Label(row.State),-9} {row.Resource.Describe(names)}" + (row.Note is null ? "" : $" ({row.Note})"));
                foreach (var d in row.Differences) text.AppendLine($"              {d.Name}: {d.Old ?? "(none)"} -> {d.New ?? "(none)"}");
            }
        }

        text.AppendLine(report.InSync
            ? $"Lab '{report.Lab}' is in sync: {Counted.Of(report.Rows.Length, "object", "objects")}."
            : $"Lab '{report.Lab}' has drifted: {report.Count(ObjectState.Missing)} missing, {report.Count(ObjectState.Different)} different, {report.Count(ObjectState.Extra)} extra, {report.Count(ObjectState.Conflict)} in conflict, {report.Count(ObjectState.InSync)} in sync.");
        return text.ToString();
    }

    public static string Label(ObjectState state) => state switch
    {
        ObjectState.InSync => "in sync",
        ObjectState.Missing => "missing",
        ObjectState.Different => "different",
        ObjectState.Extra => "extra",
        _ => "conflict",
    };

    public static string Kind(Resource r) => r.Key.Kind.ToString().ToLowerInvariant();
}

using Topo.Core;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary><c>status --output json</c>: <c>{"lab", "inSync", "objects": [{kind, namespace, name, state, description, differences}]}</c>.</summary>
public static class StatusJson
{
    public static string Write(StatusReport report)
    {
        return JsonText.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("lab", report.Lab);
            json.WriteBoolean("inSync", report.InSync);
            json.WriteStartArray("objects");
            foreach (var row in report.Rows)
            {
                json.WriteStartObject();
                json.WriteString("kind", StatusText.Kind(row.Resource));
                json.WriteString("namespace", Netns.Display(row.Resource.Namespace));
                json.WriteString("name", row.Resource.Key.Name);
                json.WriteString("state", StatusText.Label(row.State).Replace(' ', '-'));
                json.WriteString("description", row.Resource.Describe());
                PlanJson.WriteChanges(json, "differences", row.Differences);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }
}

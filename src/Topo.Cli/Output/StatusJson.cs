using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Cli.Output;

/// <summary><c>status --output json</c>: <c>{"lab", "inSync", "objects": [{kind, namespace, name, state, description, differences}]}</c>.</summary>
public static class StatusJson
{
    public static string Write(StatusReport report) => OutputJsonContext.Write(
        new StatusDocument(report.Lab, report.InSync,
        [
            .. report.Rows.Select(row => new StatusObjectDocument(
                StatusText.Kind(row.Resource),
                row.Resource.Namespace.Display,
                row.Resource.Key.Name,
                StatusText.Label(row.State).Replace(' ', '-'),
                row.Resource.Describe(),
                AttrChangeDocument.Of(row.Differences))),
        ]),
        c => c.StatusDocument);
}

internal sealed record StatusDocument(string Lab, bool InSync, IReadOnlyList<StatusObjectDocument> Objects);

internal sealed record StatusObjectDocument(string Kind, string Namespace, string Name, string State, string Description, IReadOnlyList<AttrChangeDocument> Differences);

using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Kinds;
using Topo.Core.Validation;

namespace Topo.Core.Graph;

/// <summary>
/// Builds the picture from a lab's objects: from the file alone (all in sync), or from
/// <c>topo status</c>'s rows, so that what is missing, different or extra is marked exactly as status says.
/// </summary>
public static class LabGraphBuilder
{
    public static LabGraph Of(LabState desired) =>
        Build(desired.Lab, live: false, desired.Resources.Select(r => (r, ObjectState.InSync)), desired.Shared);

    /// <summary>The file's lab; one that spans several machines (and is not one machine's share) with each machine as a group.</summary>
    public static LabGraph Of(ValidatedLab lab) => lab.Shares.IsEmpty ? Of(lab.Desired) : HostGroups.Of(lab);

    /// <param name="shared">The file's nodes on the host network or attached to a namespace, to name those boxes.</param>
    public static LabGraph Live(StatusReport report, IEnumerable<SharedNamespace>? shared = null) =>
        Build(report.Lab, live: true, report.Rows.Select(r => (r.Resource, r.State)), shared ?? []);

    private static LabGraph Build(string lab, bool live, IEnumerable<(Resource Resource, ObjectState State)> rows, IEnumerable<SharedNamespace> shared) =>
        Draw(live, rows, shared).Draft.Finish(lab);

    /// <summary>The boxes and lines of <paramref name="rows"/>, not yet numbered, and the addresses of their interfaces.</summary>
    internal static (GraphDraft Draft, InterfaceAddresses Interfaces) Draw(bool live, IEnumerable<(Resource Resource, ObjectState State)> rows, IEnumerable<SharedNamespace> shared)
    {
        var objects = rows.OrderBy(r => r.Resource.Key).Select(r => (r.Resource, r.State, Text: KindTexts.For(r.Resource))).ToList();
        var draft = new GraphDraft(live, shared);
        var interfaces = new InterfaceAddresses();
        foreach (var pass in Enum.GetValues<GraphPass>())
        {
            foreach (var (resource, state, text) in objects.Where(o => o.Text.Pass == pass)) text.Draw(resource, state, draft, interfaces);
        }

        return (draft, interfaces);
    }
}

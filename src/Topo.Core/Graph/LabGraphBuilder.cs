using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Graph;

/// <summary>
/// Builds the picture from a lab's objects: from the file alone (all in sync), or from
/// <c>topo status</c>'s rows, so that what is missing, different or extra is marked exactly as status says.
/// </summary>
public static class LabGraphBuilder
{
    public static LabGraph Of(LabState desired) =>
        Build(desired.Lab, live: false, desired.Resources.Select(r => (r, ObjectState.InSync)), desired.Shared);

    /// <param name="shared">The file's nodes on the host network or attached to a namespace, to name those boxes.</param>
    public static LabGraph Live(StatusReport report, IEnumerable<SharedNamespace>? shared = null) =>
        Build(report.Lab, live: true, report.Rows.Select(r => (r.Resource, r.State)), shared ?? []);

    private static LabGraph Build(string lab, bool live, IEnumerable<(Resource Resource, ObjectState State)> rows, IEnumerable<SharedNamespace> shared)
    {
        var objects = rows.OrderBy(r => r.Resource.Key).ToList();
        var draft = new GraphDraft(live, shared);

        foreach (var (resource, state) in objects)
        {
            switch (resource)
            {
                case NamespaceResource n: draft.Namespace(n.Name).State = state; break;
                case BridgeResource b: draft.Bridge(b.Device.Namespace, b.Device.Name).State = state; break;
            }
        }

        var interfaces = InterfaceAddresses(objects, draft);
        foreach (var (resource, state) in objects)
        {
            switch (resource)
            {
                case VethResource v: draft.Veth(v, state, interfaces); break;
                case MacvlanResource m: draft.Macvlan(m, state, interfaces); break;
                case RouteResource r: draft.Detail(r.Ns, Route(r), state); break;
                case SysctlResource s: draft.Detail(s.Ns, $"{s.Name}={s.Value}", state); break;
                case NftTableResource t: new NatPicture(draft, interfaces).Add(t, state); break;
            }
        }

        return draft.Finish(lab);
    }

    /// <summary>The addresses of every interface, which also colour the bridge that holds them.</summary>
    private static InterfaceAddresses InterfaceAddresses(List<(Resource Resource, ObjectState State)> objects, GraphDraft draft)
    {
        var interfaces = new InterfaceAddresses();
        foreach (var (resource, state) in objects)
        {
            if (resource is not AddressResource a) continue;
            interfaces.Add(a, state);
            if (draft.FindBridge(a.Ns, a.Device) is { } bridge) bridge.AddDetail(draft.Line(a.Cidr, state), state);
        }

        return interfaces;
    }

    private static string Route(RouteResource r) =>
        r.To + (r.Via is null ? "" : $" via {r.Via}") + (r.Device is null ? "" : $" dev {r.Device}");
}

using System.Collections.Immutable;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Graph;

/// <summary>
/// The boxes and lines of one graph while it is built. Boxes are made when first named, so a line
/// to a namespace or bridge the lab no longer has (an extra veth) still has both ends.
/// </summary>
internal sealed class GraphDraft(bool live, IEnumerable<SharedNamespace> shared)
{
    // A node on the host network is drawn as the host, named beside it; an attached node by its name and path.
    private readonly ILookup<Netns, string> _nodesIn = shared.ToLookup(s => s.Ns, s => s.Node);

    private readonly Dictionary<(GraphNodeKind Kind, Netns Ns, string Name), NodeDraft> _nodes = [];
    private Dictionary<NodeDraft, string>? _ids;
    private readonly List<(NodeDraft From, NodeDraft To, GraphEdgeKind Kind, string? Tail, string? Head, string? Label, ObjectState State)> _edges = [];

    public NodeDraft Namespace(Netns ns) =>
        ns.IsHost ? Node(GraphNodeKind.Host, Netns.Host, "", Titled("host", ns)) : Node(GraphNodeKind.Namespace, ns, ns.Id, Titled(ns.Id, ns));

    private string Titled(string title, Netns ns) =>
        _nodesIn[ns].Any() ? $"{string.Join(", ", _nodesIn[ns])} ({title})" : title;

    public NodeDraft Bridge(Netns ns, string name) =>
        Node(GraphNodeKind.Bridge, ns, name, ns.IsHost ? $"bridge {name}" : $"bridge {ns}:{name}");

    public NodeDraft? FindBridge(Netns ns, string name) => _nodes.GetValueOrDefault((GraphNodeKind.Bridge, ns, name));

    /// <summary>A line of text, with how it stands when the graph is live and it is not in sync.</summary>
    public string Line(string text, ObjectState state) =>
        live && GraphStates.Note(state) is { } note ? $"{text} ({note})" : text;

    public void Detail(Netns ns, string text, ObjectState state) => Namespace(ns).AddDetail(Line(text, state), state);

    public void Edge(NodeDraft from, NodeDraft to, GraphEdgeKind kind, string? tail, string? head, string? label, ObjectState state) =>
        _edges.Add((from, to, kind, tail, head, label, state));

    /// <summary>
    /// A veth pair drawn outward from the host: from its bridge side (or, between namespaces, from the
    /// end that sorts first, the host's when it has one), each end labelled with its name and addresses.
    /// </summary>
    public void Veth(VethResource veth, ObjectState state, InterfaceAddresses interfaces)
    {
        var (one, other) = veth.B.Master is not null && veth.A.Master is null ? (veth.B, veth.A) : (veth.A, veth.B);
        var folded = state;
        var tail = EndLabel(one.Namespace, one.Name, interfaces, ref folded);
        var head = EndLabel(other.Namespace, other.Name, interfaces, ref folded);
        Edge(Endpoint(one), Endpoint(other), GraphEdgeKind.Veth, tail, head, null, folded);
    }

    /// <summary>
    /// A macvlan drawn from its parent (a bridge's box when the parent is a bridge, else the parent's
    /// namespace) to the namespace of its device, labelled with both interfaces and the device's addresses.
    /// </summary>
    public void Stacked(StackedDevice macvlan, ObjectState state, InterfaceAddresses interfaces)
    {
        var folded = state;
        var device = macvlan.Device;
        var head = EndLabel(device.Namespace, device.Name, interfaces, ref folded);
        var from = macvlan.Parent is { } p ? FindBridge(p.Namespace, p.Name) ?? Namespace(p.Namespace) : Namespace(device.Namespace);
        Edge(from, Namespace(device.Namespace), GraphEdgeKind.Macvlan, macvlan.Parent?.Name, head, Line(macvlan.Kind, state), folded);
    }

    /// <summary>An interface's name, its addresses and its conditions, one a line; <paramref name="folded"/> takes in how each address stands.</summary>
    public string EndLabel(Netns ns, string name, InterfaceAddresses interfaces, ref ObjectState folded)
    {
        var lines = new List<string> { name };
        foreach (var (cidr, s) in interfaces.Of(ns, name))
        {
            lines.Add(Line(cidr, s));
            folded = GraphStates.Fold(folded, s);
        }

        if (interfaces.ConditionsOf(ns, name) is { } conditions)
        {
            lines.Add(Line(conditions.Words, conditions.State));
            folded = GraphStates.Fold(folded, conditions.State);
        }

        return string.Join("\n", lines);
    }

    /// <param name="idPrefix">Put before each box's number: a machine's boxes in a lab of several are told apart by it.</param>
    public LabGraph Finish(string lab, string idPrefix = "")
    {
        // A bridge hangs off its namespace's box, which nothing else may have named (a host bridge whose
        // only lines go to nodes): the box is made before the boxes are numbered.
        foreach (var bridge in _nodes.Values.Where(n => n.Kind == GraphNodeKind.Bridge).ToList()) Namespace(bridge.Ns);

        var ordered = _nodes.OrderBy(n => n.Key.Kind).ThenBy(n => n.Key.Ns).ThenBy(n => n.Key.Name, StringComparer.Ordinal).Select(n => n.Value).ToList();
        var ids = _ids = ordered.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => $"{idPrefix}n{p.i}");
        var nodes = ordered.Select(n => new GraphNode(ids[n], n.Kind, Line(n.Title, n.State), [.. n.Details], n.Folded));

        // Each bridge hangs off the namespace it lives in; that line also says whether its subnet is masqueraded there.
        var bridgeIn = ordered.Where(n => n.Kind == GraphNodeKind.Bridge).Select(b => new GraphEdge(
            ids[Namespace(b.Ns)], ids[b], GraphEdgeKind.BridgeIn, null, null,
            b.Masquerade is { } nat ? Line("masquerade", nat) : null,
            b.Masquerade is { } m ? GraphStates.Fold(b.State, m) : b.State)).ToList();
        var edges = _edges.Select(e => new GraphEdge(ids[e.From], ids[e.To], e.Kind, e.Tail, e.Head, e.Label, e.State));
        return new LabGraph(lab, live, [.. nodes], [.. bridgeIn, .. edges]);
    }

    /// <summary>The id <see cref="Finish"/> gave <paramref name="node"/>.</summary>
    public string IdOf(NodeDraft node) => (_ids ?? throw new InvalidOperationException("the boxes are numbered when the graph is finished"))[node];

    private NodeDraft Endpoint(LinkEnd end) => end.Master is { } master ? Bridge(end.Namespace, master) : Namespace(end.Namespace);

    private NodeDraft Node(GraphNodeKind kind, Netns ns, string name, string title)
    {
        if (!_nodes.TryGetValue((kind, ns, name), out var node)) _nodes[(kind, ns, name)] = node = new NodeDraft(kind, ns, title);
        return node;
    }
}

using System.Collections.Immutable;
using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>
/// The lab as a picture, before it is drawn: the host, the nodes and the bridges, and the lines
/// between them. Each part carries how the kernel stands against the file (<see cref="ObjectState"/>),
/// <see cref="ObjectState.InSync"/> throughout unless the graph was drawn from a live status.
/// </summary>
public sealed record LabGraph(string Lab, bool Live, ImmutableArray<GraphNode> Nodes, ImmutableArray<GraphEdge> Edges)
{
    /// <summary>The machines of a lab that spans several, each around its own boxes; empty for a lab on one machine.</summary>
    public ImmutableArray<GraphGroup> Groups { get; init; } = [];

    /// <summary>The boxes a group at a time, in the order drawn; a lab on one machine is one run without a group.</summary>
    internal IEnumerable<(GraphGroup? Group, IEnumerable<GraphNode> Nodes)> ByGroup() =>
        Groups.IsEmpty ? [(null, Nodes)] : Groups.Select(g => ((GraphGroup?)g, Nodes.Where(n => g.NodeIds.Contains(n.Id))));
}

/// <summary>A machine of a lab that spans several: the boxes of its share.</summary>
public sealed record GraphGroup(string Id, string Title, ImmutableArray<string> NodeIds);

public enum GraphNodeKind
{
    Host,
    Namespace,
    Bridge,
}

/// <summary>A box: <see cref="Details"/> are its addresses, routes and sysctls, one line each.</summary>
public sealed record GraphNode(string Id, GraphNodeKind Kind, string Title, ImmutableArray<string> Details, ObjectState State);

public enum GraphEdgeKind
{
    /// <summary>A veth pair; the tail and head labels are its two interfaces.</summary>
    Veth,

    /// <summary>A bridge and the namespace it lives in; labelled when its subnet is masqueraded there.</summary>
    BridgeIn,

    /// <summary>A published port: DNAT from the host to a node.</summary>
    Port,

    /// <summary>Two bridges between which forwarding is dropped.</summary>
    Isolation,

    /// <summary>A macvlan: from its parent's box to its device's namespace; the tail label is the parent, the head label the device.</summary>
    Macvlan,

    /// <summary>A VXLAN tunnel between two machines: the two copies of an overlay bridge, or the two ends of a link between machines.</summary>
    Tunnel,
}

public sealed record GraphEdge(string From, string To, GraphEdgeKind Kind, string? TailLabel, string? HeadLabel, string? Label, ObjectState State);

using System.Collections.Immutable;
using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>
/// The lab as a picture, before it is drawn: the host, the nodes and the bridges, and the lines
/// between them. Each part carries how the kernel stands against the file (<see cref="ObjectState"/>),
/// <see cref="ObjectState.InSync"/> throughout unless the graph was drawn from a live status.
/// </summary>
public sealed record LabGraph(string Lab, bool Live, ImmutableArray<GraphNode> Nodes, ImmutableArray<GraphEdge> Edges);

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
}

public sealed record GraphEdge(string From, string To, GraphEdgeKind Kind, string? TailLabel, string? HeadLabel, string? Label, ObjectState State);

using Topo.Core.State;
using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>A box while the graph is being built; it lives only during one build.</summary>
internal sealed class NodeDraft(GraphNodeKind kind, Netns ns, string title)
{
    private readonly List<string> _details = [];
    private ObjectState _pieces = ObjectState.InSync;

    public GraphNodeKind Kind { get; } = kind;

    /// <summary>The namespace the box is (host, node) or lives in (bridge).</summary>
    public Netns Ns { get; } = ns;

    public string Title { get; } = title;

    public ObjectState State { get; set; } = ObjectState.InSync;

    /// <summary>For a bridge: how the masquerade of its subnet stands, or null when there is none.</summary>
    public ObjectState? Masquerade { get; set; }

    public ObjectState Folded => GraphStates.Fold(State, _pieces);

    public IReadOnlyList<string> Details => _details;

    public void AddDetail(string line, ObjectState state)
    {
        _details.Add(line);
        _pieces = GraphStates.Fold(_pieces, state);
    }
}

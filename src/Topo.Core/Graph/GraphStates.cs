using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>How a part of the picture stands, folded from the objects it is drawn from, and how that reads.</summary>
internal static class GraphStates
{
    /// <summary>
    /// The part's own state wins when it is missing or extra (its pieces are then too); otherwise any
    /// piece that is not in sync (an address, a route) makes the part differ.
    /// </summary>
    public static ObjectState Fold(ObjectState own, ObjectState piece) =>
        own is ObjectState.InSync && piece is not ObjectState.InSync ? ObjectState.Different : own;

    public static string? Note(ObjectState state) => state switch
    {
        ObjectState.Missing => "missing",
        ObjectState.Different => "differs",
        ObjectState.Extra => "extra",
        ObjectState.Conflict => "in conflict",
        _ => null,
    };
}

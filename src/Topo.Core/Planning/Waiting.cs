using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>How a plan, a status and an apply say that an object waits for an interface outside the lab.</summary>
public static class Waiting
{
    public static string Note(Resource r) =>
        r.WaitsFor is { } needed ? $"waits: there is no interface {needed.Namespace.Display}:{needed.Name}" : "waits";

    public static string Line(Resource r) => $"{r.Describe()} {Note(r)}";
}

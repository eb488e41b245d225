using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>A wanted object whose name the kernel already gives to something the lab does not own.</summary>
public sealed record PlanConflict(Resource Wanted, Resource Existing)
{
    public string Message =>
        $"{Existing.Describe()} already exists and is not owned by this lab" +
        (Existing.Owner is null ? "" : $" (it belongs to lab '{Existing.Owner}')") +
        $"; it is in the way of {Wanted.Describe()}: remove or rename it, or rename it in the lab file";
}

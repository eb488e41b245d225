namespace Topo.Linux.Execute;

/// <summary>A run held after planning (<see cref="Reconciler.Approve"/>) was called off: nothing was carried out.</summary>
public sealed class NotApprovedException(int steps)
    : Exception($"not carried out: the operator called the run off after planning ({steps} steps planned, none carried out)")
{
    public int Steps { get; } = steps;
}

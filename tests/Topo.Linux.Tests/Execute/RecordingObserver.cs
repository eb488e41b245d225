using Topo.Core.Planning;
using Topo.Linux.Execute;

namespace Topo.Linux.Tests.Execute;

/// <summary>Writes down what the reconciler tells of its steps; <see cref="OnDone"/> acts as a step is reported (a signal arriving).</summary>
internal sealed class RecordingObserver : IStepObserver
{
    public List<string> Told { get; } = [];

    public Action<int> OnDone { get; init; } = _ => { };

    public void Starting(Change step, int index, int count) => Told.Add($"starting {index}/{count}");

    public void Done(Change step, int index, int count, TimeSpan took)
    {
        Told.Add($"done {index}/{count}");
        OnDone(index);
    }

    public void RollingBack(Change? failed, int steps) => Told.Add($"rolling back {steps} after {failed?.Subject.Describe() ?? "none"}");
}

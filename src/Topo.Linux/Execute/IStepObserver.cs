using Topo.Core.Planning;

namespace Topo.Linux.Execute;

/// <summary>Told about each step as it is carried out, so a command can show progress.</summary>
public interface IStepObserver
{
    void Starting(Change step, int index, int count);

    void Done(Change step, int index, int count, TimeSpan took);

    /// <summary>The run is being undone: <paramref name="failed"/> is the step the kernel refused, null when the run was interrupted or did not verify.</summary>
    void RollingBack(Change? failed, int steps);
}

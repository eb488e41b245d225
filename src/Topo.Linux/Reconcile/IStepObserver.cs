using Topo.Core.Planning;

namespace Topo.Linux.Reconcile;

/// <summary>Told about each step as it is carried out, so a command can show progress.</summary>
public interface IStepObserver
{
    void Starting(Change step, int index, int count);

    void Done(Change step, int index, int count, TimeSpan took);

    void RollingBack(Change failed, KernelException error, int steps);
}

using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;
using static Topo.Linux.Tests.Execute.SessionSandbox;

namespace Topo.Linux.Tests.Execute;

public sealed class RunStartTests
{
    [KernelFact]
    public void A_run_of_steps_sent_together_is_announced_before_it_reaches_the_kernel_and_each_step_is_done_after()
    {
        using var s = new SessionSandbox();
        string[] names = [s.Kernel.Name("ra"), s.Kernel.Name("rb")];
        var events = new List<string>();

        s.Session.Execute(
            [.. names.Select(n => Create(new NamespaceResource(n)))],
            onStepDone: i => events.Add($"done {i}: {(s.Kernel.Namespaces.Exists(names[i]) ? "made" : "missing")}"),
            onRunStarting: i => events.Add($"starting {i}: {(names.Any(n => s.Kernel.Namespaces.Exists(n)) ? "something made" : "nothing made")}"));

        Assert.Equal(["starting 0: nothing made", "done 0: made", "done 1: made"], events);
    }
}

using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;
using Topo.Linux.Read;

namespace Topo.Linux.Tests.Read;

public sealed class HalfMadeNamespaceTests
{
    [KernelFact]
    public void A_name_without_a_namespace_on_it_is_skipped_not_an_error()
    {
        using var sandbox = new KernelSandbox();
        // What another process leaves for a moment between creating /run/netns/NAME and mounting on it.
        var halfMade = sandbox.Name("half");
        File.WriteAllBytes(sandbox.Namespaces.PathOf(halfMade), []);
        var whole = sandbox.Name("whole");
        sandbox.Namespaces.Create(whole).Dispose();

        var state = new KernelReader(sandbox.Host, sandbox.Namespaces).Read("lab", [halfMade, whole], ReadDepth.Everything, null);

        Assert.Contains(state.Resources, r => r is NamespaceResource ns && ns.Name == whole);
        Assert.DoesNotContain(state.Resources, r => r is NamespaceResource ns && ns.Name == halfMade);
        File.Delete(sandbox.Namespaces.PathOf(halfMade));
    }
}

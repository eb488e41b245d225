using Topo.Linux.Nftables;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Nftables;

public sealed class NftGenerationTests
{
    [KernelFact]
    public void The_generation_stays_while_nothing_changes_and_moves_with_any_table_change()
    {
        using var sandbox = new KernelSandbox();
        var first = sandbox.Host.Invoke(NftGeneration.Current);
        var again = sandbox.Host.Invoke(NftGeneration.Current);

        sandbox.Witness("nft", "add", "table", "ip", "someone-else");
        var after = sandbox.Host.Invoke(NftGeneration.Current);

        Assert.Equal(first, again);
        Assert.Equal(first.Namespace, after.Namespace);
        Assert.NotEqual(first.Generation, after.Generation);
    }

    [KernelFact]
    public void Two_namespaces_have_different_cookies()
    {
        using var one = new KernelSandbox();
        using var other = new KernelSandbox();

        Assert.NotEqual(one.Host.Invoke(NftGeneration.Current).Namespace, other.Host.Invoke(NftGeneration.Current).Namespace);
    }
}

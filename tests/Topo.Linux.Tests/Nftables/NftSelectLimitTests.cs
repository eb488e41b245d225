using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Nftables;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Nftables;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    /// <summary>Tests that fill the process's descriptor table: nothing else may run beside them.</summary>
    public const string Name = "alone";
}

/// <summary>
/// libnftables waits with select(), which aborts the process on a descriptor of 1024 or more. With every
/// descriptor below 1024 taken, a context is refused in words instead, and made again once one is free.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class NftSelectLimitTests
{
    [KernelFact]
    public void A_context_is_refused_while_no_descriptor_below_1024_is_free_and_made_once_one_is()
    {
        using var sandbox = new KernelSandbox();
        var fillers = new List<FileStream>();
        try
        {
            while (DescriptorTable.LowestFree() < 1024) fillers.Add(File.OpenRead("/dev/null"));

            var e = Assert.Throws<KernelException>(() => NftTables.Open(sandbox.Host, Netns.Host));
            Assert.Contains("every descriptor below 1024 is in use", e.Message);
            Assert.Contains("select()", e.Message);
        }
        finally
        {
            foreach (var f in fillers) f.Dispose();
        }

        // Made with a low descriptor, its batch goes through select() and lands.
        using var nft = NftTables.Open(sandbox.Host, Netns.Host);
        nft.Apply(new NftTableResource(Netns.Host, "topo-limit", [new MasqueradeRule("10.9.0.0/24")]));
        Assert.Contains("masquerade", sandbox.Witness("nft", "list", "table", "ip", "topo-limit"));
    }
}

namespace Topo.Core.State;

/// <summary>How each of the lab table's base chains is declared (name, type, hook, priority, policy): one source for the kernel layer and for --explain.</summary>
public sealed record NftChainDefinition(NftChain Chain, string Name, string Type, string Hook, int Priority)
{
    public const string Policy = "accept";

    public static IReadOnlyList<NftChainDefinition> All { get; } =
    [
        // dstnat = -100: before routing, so the DNATed address decides the route.
        new(NftChain.Prerouting, "prerouting", "nat", "prerouting", -100),
        new(NftChain.Output, "output", "nat", "output", -100),
        new(NftChain.Forward, "forward", "filter", "forward", 0),
        // srcnat = 100.
        new(NftChain.Postrouting, "postrouting", "nat", "postrouting", 100),
    ];

    public static NftChainDefinition Of(NftChain chain) => All.Single(d => d.Chain == chain);

    public static NftChainDefinition? Named(string name) => All.SingleOrDefault(d => d.Name == name);
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Nftables;

/// <summary>
/// Something in the lab's table that topo did not put there in that form: a rule added or edited
/// by hand, a chain of another name or declaration, a set. Read back only so that it shows as
/// drift (the next apply replaces the whole table). <see cref="NftChain"/> names only the lab's
/// own chains, so anything outside them is filed under the last one and its place written into
/// the text.
/// </summary>
public sealed record ForeignNftRule(string ChainName, string Nft) : NftRule
{
    /// <summary>The table it was found in: the <c>ip</c> one or its <c>ip6</c> twin.</summary>
    public NftFamily In { get; init; } = NftFamily.Ip;

    public override NftChain Chain => NftChainDefinition.Named(ChainName)?.Chain ?? NftChain.Postrouting;

    public override NftFamily Family => In;

    public override string Text =>
        NftChainDefinition.Named(ChainName) is not null ? Nft
        : ChainName.Length == 0 ? $"(in the table) {Nft}"
        : $"(in chain {ChainName}) {Nft}";
}

using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;

namespace Topo.Linux.Kinds;

/// <summary>The lab's nftables table: made or replaced whole in one transaction, deleted over nfnetlink.</summary>
internal sealed class NftTableDriver : KindDriver<NftTableResource>
{
    protected override void Create(NftTableResource t, KindContext x) => x.Pool.Nft(t.Ns).Apply(t);

    protected override void Update(NftTableResource t, ImmutableArray<AttrChange> changes, KindContext x) => Create(t, x);

    protected override void Delete(NftTableResource t, KindContext x) => x.Pool.In(t.Ns).NftDeleter.Delete(t.Table);
}

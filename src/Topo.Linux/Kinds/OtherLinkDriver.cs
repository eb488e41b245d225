using Topo.Core.Kinds;

namespace Topo.Linux.Kinds;

/// <summary>An interface of a kind topo does not make: only ever deleted, and only when the lab's.</summary>
internal sealed class OtherLinkDriver : KindDriver<OtherLinkResource>
{
    protected override void Create(OtherLinkResource o, KindContext x) => throw new ArgumentException($"topo does not make a {o.LinkKind}");

    protected override void Delete(OtherLinkResource o, KindContext x) => x.Links.Delete(o.Device);
}

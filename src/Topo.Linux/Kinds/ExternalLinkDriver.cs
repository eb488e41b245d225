using Topo.Core.Kinds;

namespace Topo.Linux.Kinds;

/// <summary>An interface the lab only names (a macvlan's parent): never made, changed or deleted.</summary>
internal sealed class ExternalLinkDriver : KindDriver<ExternalLinkResource>
{
    protected override void Create(ExternalLinkResource e, KindContext x) => throw new ArgumentException($"topo does not make {e.Describe()}");

    protected override void Delete(ExternalLinkResource e, KindContext x) => throw new ArgumentException($"topo does not delete {e.Describe()}");
}

using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Graph;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// An interface the lab needs but neither makes nor owns: the parent of a macvlan that the file only
/// names. It must exist before apply (its absence is a conflict, reported before any change) and it is
/// never changed or deleted. <see cref="NeededBy"/> says where the file names it (<c>links[2]</c>).
/// </summary>
public sealed record ExternalLinkResource(Netns Ns, string Name, string NeededBy) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Link, Ns, Name);

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<Attr> Attributes => [];

    public override bool IsExternal => true;

    public string Display => $"{Ns.Display}:{Name}";

    public string MissingMessage =>
        $"{NeededBy}: parent '{Display}' does not exist; an interface the lab only names must be there before apply (create it, or name another parent)";

    public override string Describe(NamespaceNames names) => $"interface {names.Of(Ns)}:{Name} (not the lab's; parent in {NeededBy})";
}

/// <summary>An interface the lab only names: never made, changed or deleted.</summary>
internal sealed class ExternalLinkText : KindText<ExternalLinkResource>
{
    private protected override IEnumerable<string> Create(ExternalLinkResource e, ExplainContext x) =>
        throw new ArgumentException($"topo does not make {e.Describe()}");

    private protected override IEnumerable<string> Delete(ExternalLinkResource e, ExplainContext x) =>
        throw new ArgumentException($"topo does not delete {e.Describe()}");
}

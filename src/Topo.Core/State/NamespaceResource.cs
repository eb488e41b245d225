namespace Topo.Core.State;

/// <summary>A persistent named network namespace (<c>/run/netns/NAME</c>), loopback up, marked by its loopback's alias.</summary>
public sealed record NamespaceResource(string Name) : Resource
{
    public override ResourceKey Key => new(ResourceKind.Namespace, Netns.Host, Name);

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<Attr> Attributes => [];

    public override string Namespace => Name;

    public override string Describe(NamespaceNames names) => $"netns {Name}";
}

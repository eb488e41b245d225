namespace Topo.Core.State;

/// <summary>
/// A persistent named network namespace (<c>/run/netns/NAME</c>), marked by its loopback's alias. Its loopback
/// is up: one set down by hand is drift (the node no longer reaches its own addresses), brought up in place.
/// </summary>
public sealed record NamespaceResource(string Name) : Resource
{
    public bool LoopbackUp { get; init; } = true;

    public override ResourceKey Key => new(ResourceKind.Namespace, Netns.Host, Name);

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<Attr> Attributes => [new("loopback", LoopbackUp ? "up" : "down", AttrUpdate.InPlace)];

    public override string Namespace => Name;

    public override string Describe(NamespaceNames names) => $"netns {Name}";
}

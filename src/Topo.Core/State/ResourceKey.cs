namespace Topo.Core.State;

/// <summary>
/// The identity of a kernel object: what the kernel would refuse to hold twice.
/// Every network interface, whatever its kind, is a <see cref="ResourceKind.Link"/> keyed by
/// namespace and name, so a foreign dummy named like a wanted bridge is still a collision.
/// </summary>
public readonly record struct ResourceKey(ResourceKind Kind, Netns Namespace, string Name) : IComparable<ResourceKey>
{
    public int CompareTo(ResourceKey other)
    {
        var c = Kind.CompareTo(other.Kind);
        if (c != 0) return c;
        c = Namespace.CompareTo(other.Namespace);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary>A namespace the lab makes (they all live in the host's namespace list, keyed by name).</summary>
    public static ResourceKey OfNamespace(Netns ns) => new(ResourceKind.Namespace, Netns.Host, ns.Id);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Namespace.Display}/{Name}";
}

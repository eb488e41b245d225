namespace Topo.Core.State;

/// <summary>
/// The identity of a kernel object: what the kernel would refuse to hold twice.
/// Every network interface, whatever its kind, is a <see cref="ResourceKind.Link"/> keyed by
/// namespace and name, so a foreign dummy named like a wanted bridge is still a collision.
/// </summary>
public readonly record struct ResourceKey(ResourceKind Kind, string Namespace, string Name) : IComparable<ResourceKey>
{
    public int CompareTo(ResourceKey other)
    {
        var c = Kind.CompareTo(other.Kind);
        if (c != 0) return c;
        c = string.CompareOrdinal(Namespace, other.Namespace);
        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Netns.Display(Namespace)}/{Name}";
}

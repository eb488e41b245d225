namespace Topo.Core.State;

/// <summary>
/// One compared attribute of a resource. A <c>null</c> value in the desired state means
/// "not managed": the differ does not compare it.
/// </summary>
public readonly record struct Attr(string Name, string? Value, AttrUpdate Update);

/// <summary>Whether the kernel can change an attribute in place or the object must be made anew.</summary>
public enum AttrUpdate
{
    InPlace,
    Replace,
}

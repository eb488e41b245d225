using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Planning;

/// <summary>An attribute that differs: <see cref="Old"/> as the kernel holds it, <see cref="New"/> as the file wants it.</summary>
public sealed record AttrChange(string Name, string? Old, string? New);

/// <summary>
/// One step of a plan. <see cref="Before"/> is the actual resource (null for a creation),
/// <see cref="After"/> the desired one (null for a deletion).
/// </summary>
public sealed record Change(ChangeAction Action, Resource? Before, Resource? After, ImmutableArray<AttrChange> Attrs)
{
    public Resource Subject => After ?? Before ?? throw new InvalidOperationException("a change needs a resource");

    public ResourceKey Key => Subject.Key;
}

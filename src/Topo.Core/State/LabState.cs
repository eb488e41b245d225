using System.Collections.Immutable;

namespace Topo.Core.State;

/// <summary>
/// A set of resources keyed by identity: the desired state built from a lab file, or the
/// actual state read from the kernel. <c>down</c> is the diff against an empty one.
/// </summary>
public sealed record LabState(string Lab, ImmutableArray<Resource> Resources)
{
    public static LabState Empty(string lab) => new(lab, []);
}

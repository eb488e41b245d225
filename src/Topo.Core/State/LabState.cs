using System.Collections.Immutable;

namespace Topo.Core.State;

/// <summary>
/// A set of resources keyed by identity: the desired state built from a lab file, or the
/// actual state read from the kernel. <c>down</c> is the diff against an empty one.
/// </summary>
public sealed record LabState(string Lab, ImmutableArray<Resource> Resources)
{
    /// <summary>The nodes that live in the host's namespace or in one they attach to, in file order.</summary>
    public ImmutableArray<SharedNamespace> Shared { get; init; } = [];

    /// <summary>The paths of the existing namespaces the lab attaches to, in file order.</summary>
    public IEnumerable<SharedNamespace> Attached => Shared.Where(s => s.Ns.IsAttached);

    /// <summary>
    /// The namespaces a read of the kernel took in, the host and attached ones included, in the order they are shown (a read gives key order); empty
    /// for a desired state. A namespace may be read and hold nothing of the lab (inspect shows it all the same).
    /// </summary>
    public ImmutableArray<Netns> Namespaces { get; init; } = [];

    /// <summary>The rules of nftables tables no lab made, read only for namespaces built by hand (export with no lab named).</summary>
    public ImmutableArray<HandMadeNftRule> HandMadeRules { get; init; } = [];

    public static LabState Empty(string lab) => new(lab, []);
}

namespace Topo.Core.State;

/// <summary>
/// What the kernel reports of an interface beyond the settings a lab compares: its index, its kind as the kernel
/// names it (<c>device</c> when it names none), its alias, and for a veth or a macvlan the index it links to (the N
/// of <c>eth0@ifN</c>) and that interface where it was read. Read from the dumps plan makes anyway; shown by
/// inspect and used by export, never compared by the differ. Null in a desired state.
/// </summary>
public sealed record InterfaceFacts(int Index, string Kind, string? Alias)
{
    public int? LinkIndex { get; init; }

    /// <summary>A veth's other end or a macvlan's parent, wherever it lives; null when it is neither or that interface was not read.</summary>
    public InterfacePeer? Peer { get; init; }

    /// <summary>The lab the interface's alias names.</summary>
    public string? Owner => Ownership.LabOf(Alias);
}

/// <summary>The interface another links to: its namespace (resource key), name and index there.</summary>
public sealed record InterfacePeer(Netns Namespace, string Name, int Index);

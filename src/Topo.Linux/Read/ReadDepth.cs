namespace Topo.Linux.Read;

/// <summary>How much of a named namespace a read takes in.</summary>
internal enum ReadDepth
{
    /// <summary>Not read: another lab's, or nobody's.</summary>
    None,

    /// <summary>Its links only: enough to pair veth ends, for a namespace about to be deleted with everything in it.</summary>
    Links,

    /// <summary>Links, addresses and routes.</summary>
    Everything,
}

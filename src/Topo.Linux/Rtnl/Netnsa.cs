namespace Topo.Linux.Rtnl;

/// <summary>Namespace-id attributes (linux/net_namespace.h).</summary>
public static class Netnsa
{
    public const ushort NsId = 1;
    public const ushort Fd = 3;

    /// <summary>The id a namespace has not been given in another (NETNSA_NSID_NOT_ASSIGNED).</summary>
    public const int NotAssigned = -1;
}

namespace Topo.Core.State;

/// <summary>
/// The kinds of kernel object topo manages. The order is the tie-break of the planner (creations in it, deletions
/// backwards); nothing stores the numbers, so a kind may be put where it belongs.
/// </summary>
public enum ResourceKind
{
    Namespace,
    Link,
    BridgePort,
    Address,
    Fdb,
    Qdisc,
    Route,
    Sysctl,
    NftTable,
    HostsFile,
}

namespace Topo.Core.State;

/// <summary>The kinds of kernel object topo manages. The order is the tie-break of the planner.</summary>
public enum ResourceKind
{
    Namespace,
    Link,
    Address,
    Route,
    Sysctl,
    NftTable,
}

namespace Topo.Linux.Rtnl;

/// <summary>A route of the main table to write: <c>default</c> or a CIDR, via a gateway and/or out of a device.</summary>
public sealed record RouteSpec(string To, string? Via = null, string? Device = null);

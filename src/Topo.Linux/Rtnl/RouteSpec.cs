namespace Topo.Linux.Rtnl;

/// <summary>
/// A route of the main table to write: <c>default</c> or a CIDR, via a gateway and/or out of a device.
/// <see cref="MarkedOnly"/>: a deletion takes only a route topo made (<see cref="Rta.ProtoTopo"/>), never a twin made by hand.
/// </summary>
public sealed record RouteSpec(string To, string? Via = null, string? Device = null, bool MarkedOnly = false);

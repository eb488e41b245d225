using System.Net;
using System.Net.Sockets;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>Adding, replacing and deleting routes of the main table.</summary>
public sealed partial class RtnlBatch
{
    public RtnlBatch AddRoute(RouteSpec route) =>
        Route(RtnlTypes.NewRoute, NetlinkProtocol.Create | NetlinkProtocol.Exclusive, route, "adding");

    /// <summary>Adds the route, or replaces the one to the same destination.</summary>
    public RtnlBatch ReplaceRoute(RouteSpec route) =>
        Route(RtnlTypes.NewRoute, NetlinkProtocol.Create | NetlinkProtocol.Replace, route, "replacing");

    public RtnlBatch DeleteRoute(RouteSpec route) => Route(RtnlTypes.DelRoute, 0, route, "deleting");

    private RtnlBatch Route(ushort type, ushort flags, RouteSpec route, string verb)
    {
        var context = $"{verb} route {route.To}" + (route.Via is null ? "" : $" via {route.Via}") +
                      (route.Device is null ? "" : $" dev {route.Device}") + $" in {Here}";
        var gateway = route.Via is null ? null : IPAddress.Parse(route.Via);
        var destination = IpPrefix.ParseDestination(route.To, gateway?.AddressFamily ?? AddressFamily.InterNetwork);
        var deleting = type == RtnlTypes.DelRoute;
        return Queue(type, flags, context, [route.Device], indexes =>
        {
            W.Struct(new RtMsg
            {
                Family = destination.FamilyNumber,
                DstLength = (byte)destination.Length,
                Table = Rta.TableMain,
                // Link scope without a gateway, as ip does; a delete matches any protocol unless told to take only topo's.
                Protocol = deleting && !route.MarkedOnly ? (byte)0 : Rta.ProtoTopo,
                Scope = deleting ? Rta.ScopeNowhere : gateway is null ? Rta.ScopeLink : Rta.ScopeUniverse,
                Type = deleting ? (byte)0 : Rta.TypeUnicast,
            });
            if (destination.Length > 0) W.Attribute(Rta.Dst, destination.Address.GetAddressBytes());
            if (gateway is not null) W.Attribute(Rta.Gateway, gateway.GetAddressBytes());
            if (route.Device is not null) W.U32(Rta.Oif, (uint)indexes[0]);
        });
    }
}

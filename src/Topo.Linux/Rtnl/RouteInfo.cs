using System.Net;
using System.Runtime.InteropServices;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>One route as an RTM_NEWROUTE reply describes it. <see cref="To"/> is <c>default</c> or a CIDR.</summary>
public sealed record RouteInfo(IpPrefix Destination, IPAddress? Gateway, int? OutputIndex, uint Table, byte Protocol, byte Type)
{
    public string To => Destination.Length == 0 ? "default" : Destination.ToString();

    /// <summary>A unicast route of the main table that the kernel did not add itself (for an address, or IPv6 link-local).</summary>
    public bool IsUserRoute =>
        Table == Rta.TableMain && Protocol != Rta.ProtoKernel && Type == Rta.TypeUnicast && !Destination.Address.IsIPv6LinkLocal;

    public static RouteInfo? Parse(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewRoute || message.Payload.Length < RtMsg.Size) return null;
        var header = MemoryMarshal.Read<RtMsg>(message.Payload);
        IPAddress? destination = null, gateway = null;
        int? output = null;
        uint table = header.Table;
        foreach (var a in message.Attributes(RtMsg.Size))
        {
            switch (a.Type)
            {
                case Rta.Dst: destination = new IPAddress(a.Value); break;
                case Rta.Gateway: gateway = new IPAddress(a.Value); break;
                case Rta.Oif: output = a.I32(); break;
                case Rta.Table: table = a.U32(); break;
            }
        }

        destination ??= header.Family == 10 ? IPAddress.IPv6Any : IPAddress.Any;
        return header.Family is 2 or 10
            ? new RouteInfo(new IpPrefix(destination, header.DstLength), gateway, output, table, header.Protocol, header.Type)
            : null;
    }
}

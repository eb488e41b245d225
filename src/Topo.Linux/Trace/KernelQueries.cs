using System.Net;
using System.Net.Sockets;
using Topo.Core.Trace;
using Topo.Linux.Netlink;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Trace;

/// <summary>
/// The two questions a trace asks rtnetlink beyond the links: the route the kernel picks for one packet
/// (RTM_GETROUTE, with the interface it came in by, as <c>ip route get ADDR from SRC iif DEV</c>), and
/// the state of a neighbour entry (RTM_GETNEIGH, as <c>ip neigh show dev DEV</c>).
/// </summary>
internal static class KernelQueries
{
    private const ushort RtaSrc = 2, RtaIif = 3;
    private const ushort NdaDst = 1;

    public static RouteAnswer Route(RtnlClient rtnl, IPAddress destination, IPAddress? source, int? inIndex)
    {
        var v6 = destination.AddressFamily == AddressFamily.InterNetworkV6;
        var batch = rtnl.Channel.Batch();
        batch.Begin(RtnlTypes.GetRoute, 0, $"looking up the route to {destination}");
        batch.Writer.Struct(new RtMsg { Family = (byte)(v6 ? 10 : 2), DstLength = (byte)(v6 ? 128 : 32), SrcLength = (byte)(source is null || inIndex is null ? 0 : v6 ? 128 : 32) });
        batch.Writer.Attribute(Rta.Dst, destination.GetAddressBytes());
        // An input lookup needs the source as the packet carries it (reverse-path checks read it).
        if (inIndex is { } index && source is not null)
        {
            batch.Writer.Attribute(RtaSrc, source.GetAddressBytes());
            batch.Writer.U32(RtaIif, (uint)index);
        }

        batch.End();
        try
        {
            return batch.Commit(Parse)[0] ?? new RouteAnswer("none", null, null, "no answer");
        }
        catch (KernelException e)
        {
            return new RouteAnswer("unreachable", null, null, e.KernelMessage ?? Errors.Describe(e.Errno));
        }
    }

    private static RouteAnswer? Parse(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewRoute || message.Payload.Length < RtMsg.Size) return null;
        var type = message.Payload[7] switch { 1 => "unicast", 2 => "local", 3 => "broadcast", 5 => "multicast", 6 => "blackhole", 7 => "unreachable", 8 => "prohibit", var t => $"type {t}" };
        int? oif = null;
        IPAddress? gateway = null;
        foreach (var a in message.Attributes(RtMsg.Size))
        {
            if (a.Type == Rta.Oif) oif = a.I32();
            else if (a.Type == Rta.Gateway) gateway = new IPAddress(a.Value);
        }

        return new RouteAnswer(type, oif, gateway);
    }

    /// <summary>The state of the entry for <paramref name="address"/> on interface <paramref name="index"/>, or null when there is none.</summary>
    public static string? Neighbour(RtnlClient rtnl, int index, IPAddress address)
    {
        var writer = new NetlinkWriter(64);
        var start = writer.BeginMessage(RtnlTypes.GetNeigh, NetlinkProtocol.Request | NetlinkProtocol.Dump, 0);
        // Strict checking wants the interface as an attribute of an IP neighbour dump, not in the header.
        writer.Struct(new NdMsg { Family = (byte)(address.AddressFamily == AddressFamily.InterNetworkV6 ? 10 : 2) });
        writer.U32(Nda.IfIndex, (uint)index);
        writer.EndMessage(start);
        var states = rtnl.Channel.StartDump(writer.Written, "reading the neighbours").Collect(m => State(m, index, address));
        return states.FirstOrDefault();
    }

    private static string? State(NetlinkMessage message, int index, IPAddress address)
    {
        if (message.Type != RtnlTypes.NewNeigh || message.Payload.Length < NdMsg.Size) return null;
        var span = message.Payload;
        if (BitConverter.ToInt32(span[4..8]) != index) return null;
        var state = BitConverter.ToUInt16(span[8..10]);
        foreach (var a in message.Attributes(NdMsg.Size))
        {
            if (a.Type != NdaDst || !new IPAddress(a.Value).Equals(address)) continue;
            return state switch
            {
                0x01 => "incomplete",
                0x02 => "reachable",
                0x04 => "stale",
                0x08 => "delay",
                0x10 => "probe",
                0x20 => "failed",
                0x40 => "noarp",
                0x80 => "permanent",
                _ => $"state {state}",
            };
        }

        return null;
    }
}

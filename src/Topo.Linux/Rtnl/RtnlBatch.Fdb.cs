using System.Buffers.Binary;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>Appending and deleting the remotes of a VXLAN device's forwarding database, as <c>bridge fdb append</c> and <c>bridge fdb del</c> do.</summary>
public sealed partial class RtnlBatch
{
    /// <summary>
    /// Adds <paramref name="entry"/>'s remote to the device's list for its MAC. Appending a remote the list already
    /// holds changes nothing and succeeds; a remote of the other address family than the device's local address is
    /// refused (EAFNOSUPPORT).
    /// </summary>
    public RtnlBatch AppendFdb(FdbSpec entry) =>
        Fdb(RtnlTypes.NewNeigh, NetlinkProtocol.Create | Nda.RequestAppend, entry, $"appending FDB entry {entry} to '{entry.Device}' in {Here}");

    /// <summary>
    /// Takes <paramref name="entry"/>'s remote off the device's list for its MAC; the port and VNI must be the entry's own.
    /// The kernel refuses a MAC it has no entry for (ENOENT), but takes a remote the MAC's list does not hold as done.
    /// </summary>
    public RtnlBatch DeleteFdb(FdbSpec entry) =>
        Fdb(RtnlTypes.DelNeigh, 0, entry, $"deleting FDB entry {entry} from '{entry.Device}' in {Here}");

    private RtnlBatch Fdb(ushort type, ushort flags, FdbSpec entry, string context)
    {
        // Parsed as the request is queued: a bad MAC is the caller's mistake, told before anything is sent.
        var mac = MacAddress.Parse(entry.Mac);
        var destination = entry.Destination.GetAddressBytes();
        return Queue(type, flags, context, [entry.Device], indexes =>
        {
            // Permanent, self and no-ARP, as bridge fdb sends them: an entry of the VXLAN itself that never ages out.
            W.Struct(new NdMsg { Family = Nda.FamilyBridge, Index = indexes[0], State = Nda.StatePermanent | Nda.StateNoArp, Flags = Nda.FlagSelf });
            W.Attribute(Nda.LinkLayerAddress, mac);
            W.Attribute(Nda.Dst, destination);
            if (entry.Port is { } port) BigEndianU16(Nda.Port, port);
            if (entry.Vni is { } vni) W.U32(Nda.Vni, vni);
        });
    }
}

using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// One forwarding-database entry as an RTM_NEWNEIGH reply of family AF_BRIDGE describes it: on the device of
/// <see cref="Index"/>, frames for <see cref="Mac"/> go to <see cref="Destination"/> (a VXLAN remote; null for a
/// bridge's own entries). A VXLAN entry with several remotes comes as one reply per remote. <see cref="Vni"/> and
/// <see cref="Port"/> are null where they are the device's own. <see cref="MasterIndex"/> is the bridge whose entry
/// on its port this is.
/// </summary>
public sealed record FdbEntry(int Index, string Mac, IPAddress? Destination, uint? Vni, ushort? Port, byte Flags, ushort State, int? MasterIndex = null)
{
    /// <summary>The device's own entry (NTF_SELF): a VXLAN's remotes are.</summary>
    public bool Self => (Flags & Nda.FlagSelf) != 0;

    /// <summary>
    /// An entry of the bridge the device is a port of. NTF_MASTER asks for one in a request; in a dump the kernel
    /// (6.18) marks it with NDA_MASTER alone.
    /// </summary>
    public bool Master => MasterIndex is not null || (Flags & Nda.FlagMaster) != 0;

    public bool Permanent => (State & Nda.StatePermanent) != 0;

    public static FdbEntry? Parse(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewNeigh || message.Payload.Length < NdMsg.Size) return null;
        var header = MemoryMarshal.Read<NdMsg>(message.Payload);
        if (header.Family != Nda.FamilyBridge) return null;
        string? mac = null;
        IPAddress? destination = null;
        uint? vni = null;
        ushort? port = null;
        int? master = null;
        foreach (var a in message.Attributes(NdMsg.Size))
        {
            switch (a.Type)
            {
                case Nda.LinkLayerAddress: mac = MacAddress.Format(a.Value); break;
                case Nda.Dst when a.Value.Length is 4 or 16: destination = new IPAddress(a.Value); break;
                case Nda.Vni: vni = a.U32(); break;
                case Nda.Port when a.Value.Length >= 2: port = BinaryPrimitives.ReadUInt16BigEndian(a.Value); break;
                case Nda.Master: master = a.I32() is > 0 and var m ? m : null; break;
            }
        }

        return mac is null ? null : new FdbEntry(header.Index, mac, destination, vni, port, header.Flags, header.State, master);
    }
}

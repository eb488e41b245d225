using System.Buffers.Binary;
using System.Net;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// A vxlan's tunnel as IFLA_INFO_DATA holds it: its VNI, where it sends (a unicast remote or a multicast group), from
/// where, its UDP port, and the index of the interface it sends by (in the namespace of its socket; null: none).
/// </summary>
public sealed record VxlanInfo(uint Vni, IPAddress? Remote, IPAddress? Local, ushort Port)
{
    public int? LinkIndex { get; init; }

    public static VxlanInfo Parse(AttributeReader data)
    {
        uint vni = 0;
        IPAddress? remote = null, local = null;
        ushort port = 0;
        int? link = null;
        foreach (var a in data)
        {
            switch (a.Type)
            {
                case Ifla.VxlanId: vni = a.U32(); break;
                case Ifla.VxlanLink: link = a.U32() is > 0 and var i ? (int)i : null; break;
                case Ifla.VxlanGroup or Ifla.VxlanGroup6: remote = Address(a.Value); break;
                case Ifla.VxlanLocal or Ifla.VxlanLocal6: local = Address(a.Value); break;
                case Ifla.VxlanPort when a.Value.Length >= 2: port = BinaryPrimitives.ReadUInt16BigEndian(a.Value); break;
            }
        }

        return new VxlanInfo(vni, remote, local, port) { LinkIndex = link };
    }

    // The kernel sends the unset address as all zeros.
    private static IPAddress? Address(ReadOnlySpan<byte> value) =>
        value.Length is 4 or 16 && value.ContainsAnyExcept((byte)0) ? new IPAddress(value) : null;
}

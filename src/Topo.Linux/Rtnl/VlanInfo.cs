using System.Buffers.Binary;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>
/// An 802.1Q sub-interface as IFLA_INFO_DATA holds it: its VLAN id (u16) and its protocol, the EtherType of its tag
/// (big-endian u16: <see cref="Dot1Q"/> or <see cref="Dot1Ad"/>, linux/if_ether.h).
/// </summary>
public sealed record VlanInfo(ushort Id, ushort Protocol = VlanInfo.Dot1Q)
{
    public const ushort Dot1Q = 0x8100;
    public const ushort Dot1Ad = 0x88A8;

    /// <summary>The protocol as <c>ip -d link</c> writes it.</summary>
    public string ProtocolName => Protocol switch
    {
        Dot1Q => "802.1Q",
        Dot1Ad => "802.1ad",
        _ => $"0x{Protocol:x4}",
    };

    public static VlanInfo Parse(AttributeReader data)
    {
        ushort id = 0, protocol = Dot1Q;
        foreach (var a in data)
        {
            if (a.Value.Length < sizeof(ushort)) continue;
            switch (a.Type)
            {
                case Ifla.VlanId: id = BinaryPrimitives.ReadUInt16LittleEndian(a.Value); break;
                case Ifla.VlanProtocol: protocol = BinaryPrimitives.ReadUInt16BigEndian(a.Value); break;
            }
        }

        return new VlanInfo(id, protocol);
    }
}

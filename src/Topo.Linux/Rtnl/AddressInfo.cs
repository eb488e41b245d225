using System.Net;
using System.Runtime.InteropServices;
using Topo.Linux.Netlink;

namespace Topo.Linux.Rtnl;

/// <summary>One interface address as an RTM_NEWADDR reply describes it.</summary>
public sealed record AddressInfo(int Index, IpPrefix Prefix)
{
    public string Cidr => Prefix.ToString();

    /// <summary>An IPv6 link-local address: the kernel makes one for every interface; not the lab's.</summary>
    public bool IsLinkLocal => Prefix.Address.IsIPv6LinkLocal;

    public static AddressInfo? Parse(NetlinkMessage message)
    {
        if (message.Type != RtnlTypes.NewAddr || message.Payload.Length < IfAddrMsg.Size) return null;
        var header = MemoryMarshal.Read<IfAddrMsg>(message.Payload);
        IPAddress? local = null, address = null;
        foreach (var a in message.Attributes(IfAddrMsg.Size))
        {
            // IFA_LOCAL is the interface's own address; IFA_ADDRESS the peer's on point-to-point links (IPv6 sends only IFA_ADDRESS).
            if (a.Type == Ifa.Local) local = new IPAddress(a.Value);
            else if (a.Type == Ifa.Address) address = new IPAddress(a.Value);
        }

        return (local ?? address) is { } own ? new AddressInfo(header.Index, new IpPrefix(own, header.PrefixLength)) : null;
    }
}

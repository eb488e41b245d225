using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Topo.Linux.Rtnl;

/// <summary>
/// An address with a prefix length, as an interface address (<c>10.0.0.1/24</c>, host bits
/// kept) or a route destination (<c>10.0.0.0/24</c>, or <c>default</c>).
/// </summary>
public readonly record struct IpPrefix(IPAddress Address, int Length)
{
    public AddressFamily Family => Address.AddressFamily;

    public byte FamilyNumber => Family == AddressFamily.InterNetwork ? (byte)2 : (byte)10;

    public static IpPrefix Parse(string text)
    {
        var slash = text.IndexOf('/');
        var address = IPAddress.Parse(slash < 0 ? text : text[..slash]);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var length = slash < 0 ? max : int.Parse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        if (length > max) throw new FormatException($"'{text}': prefix length above {max}");
        return new IpPrefix(address, length);
    }

    /// <summary>A route destination: <c>default</c> is the empty prefix, in <paramref name="family"/> or else IPv4.</summary>
    public static IpPrefix ParseDestination(string text, AddressFamily family = AddressFamily.InterNetwork) =>
        text == "default"
            ? new IpPrefix(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0)
            : Parse(text);

    /// <summary>The IPv4 broadcast address of the subnet, as <c>ip addr add</c> sets it; none for /31, /32 and IPv6.</summary>
    public IPAddress? Broadcast()
    {
        if (Family != AddressFamily.InterNetwork || Length > 30) return null;
        var bytes = Address.GetAddressBytes();
        for (var bit = Length; bit < 32; bit++) bytes[bit / 8] |= (byte)(0x80 >> (bit % 8));
        return new IPAddress(bytes);
    }

    public override string ToString() => $"{Address}/{Length.ToString(CultureInfo.InvariantCulture)}";
}

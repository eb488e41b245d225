using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Topo.Core.Validation;

/// <summary>
/// An IPv4 or IPv6 address as a number, so subnets, ranges and the IPAM cursor are plain
/// arithmetic instead of byte fiddling.
/// </summary>
internal readonly record struct Ip(UInt128 Value, bool IsV6)
{
    public int Bits => IsV6 ? 128 : 32;

    public string Family => IsV6 ? "IPv6" : "IPv4";

    /// <summary>
    /// IPv4 only as four decimal octets: <see cref="IPAddress.TryParse(string, out IPAddress)"/> also takes
    /// <c>10.1</c> and <c>0x0a.0.0.1</c>, which iproute2 users would not expect to mean an address.
    /// </summary>
    public static Ip? Parse(string text)
    {
        if (text.Contains(':'))
        {
            if (text.Contains('%') || !IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
                return null;
            var bytes = v6.GetAddressBytes();
            UInt128 value = 0;
            foreach (var b in bytes) value = (value << 8) | b;
            return new Ip(value, true);
        }

        var parts = text.Split('.');
        if (parts.Length != 4) return null;
        uint v4 = 0;
        foreach (var part in parts)
        {
            // A leading zero reads as octal to some tools: refuse it rather than guess.
            if (part.Length is 0 or > 3 || !part.All(char.IsAsciiDigit) || (part.Length > 1 && part[0] == '0')) return null;
            var octet = int.Parse(part, CultureInfo.InvariantCulture);
            if (octet > 255) return null;
            v4 = (v4 << 8) | (uint)octet;
        }

        return new Ip(v4, false);
    }

    public Ip Plus(UInt128 n) => this with { Value = Value + n };

    /// <summary>224.0.0.0/4 or ff00::/8: a group to join, never an interface's own address.</summary>
    public bool IsMulticast => IsV6 ? Value >> 120 == 0xff : Value >> 28 == 0xe;

    /// <summary>0.0.0.0 or ::, which mean "no address" or "any address".</summary>
    public bool IsUnspecified => Value == 0;

    /// <summary>255.255.255.255, the broadcast of every IPv4 network at once.</summary>
    public bool IsLimitedBroadcast => !IsV6 && Value == uint.MaxValue;

    public override string ToString()
    {
        if (!IsV6)
        {
            var v = (uint)Value;
            return $"{v >> 24}.{(v >> 16) & 0xff}.{(v >> 8) & 0xff}.{v & 0xff}";
        }

        var bytes = new byte[16];
        var rest = Value;
        for (var i = 15; i >= 0; i--)
        {
            bytes[i] = (byte)(rest & 0xff);
            rest >>= 8;
        }

        return new IPAddress(bytes).ToString();
    }
}

using System.Globalization;

namespace Topo.Core.Validation;

/// <summary>An address with a prefix length: an interface address (<c>10.0.0.1/24</c>) or a network (<c>10.0.0.0/24</c>).</summary>
internal readonly record struct Cidr(Ip Address, int Prefix)
{
    public static Cidr? Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash < 0) return null;
        var prefixText = text[(slash + 1)..];
        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit)) return null;
        if (Ip.Parse(text[..slash]) is not { } ip) return null;
        var prefix = int.Parse(prefixText, CultureInfo.InvariantCulture);
        return prefix > ip.Bits ? null : new Cidr(ip, prefix);
    }

    public bool IsV6 => Address.IsV6;

    private UInt128 HostMask => Prefix == 0 ? AllOnes : (UInt128.One << (Address.Bits - Prefix)) - 1;

    private UInt128 AllOnes => Address.IsV6 ? UInt128.MaxValue : uint.MaxValue;

    public Ip First => Address with { Value = Address.Value & ~HostMask & AllOnes };

    public Ip Last => Address with { Value = First.Value | HostMask };

    public Cidr Network => new(First, Prefix);

    public bool IsNetwork => Address == First;

    /// <summary>Whether host bits of all zeros or all ones are reserved (not for /31, /32, /127, /128: RFC 3021 and RFC 6164).</summary>
    public bool HasReservedEnds => Prefix < Address.Bits - 1;

    /// <summary>IPv6 has no broadcast address; its all-ones host part is an ordinary address.</summary>
    public bool IsBroadcast => !IsV6 && HasReservedEnds && Address == Last;

    public Ip FirstUsable => HasReservedEnds ? First.Plus(1) : First;

    public Ip LastUsable => HasReservedEnds && !IsV6 ? Last with { Value = Last.Value - 1 } : Last;

    public bool Contains(Ip ip) => ip.IsV6 == IsV6 && ip.Value >= First.Value && ip.Value <= Last.Value;

    public bool Contains(Cidr other) => Contains(other.First) && Contains(other.Last);

    public bool Overlaps(Cidr other) => Contains(other.First) || other.Contains(First);

    public override string ToString() => $"{Address}/{Prefix}";
}

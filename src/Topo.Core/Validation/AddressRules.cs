using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>Reading CIDRs and addresses from the file, with the error each kind of mistake deserves.</summary>
internal static class AddressRules
{
    /// <summary>A network such as a subnet, an ip_range or a route's destination: host bits must be zero, as iproute2 insists.</summary>
    public static Cidr? Network(Located<string> written, string path, Problems problems)
    {
        if (Cidr.Parse(written.Value) is not { } cidr)
        {
            problems.Add(written.Mark, path, $"'{written.Value}' is not a network in CIDR form (e.g. 172.17.0.0/16 or fd00::/64)");
            return null;
        }

        if (cidr.IsNetwork) return cidr;
        problems.Add(written.Mark, path, $"'{written.Value}' has host bits set (write {cidr.Network})");
        return null;
    }

    /// <summary>An address for an interface: neither the network address nor the broadcast address of its prefix.</summary>
    public static Cidr? Interface(Located<string> written, string path, Problems problems)
    {
        if (Cidr.Parse(written.Value) is not { } cidr)
        {
            problems.Add(written.Mark, path, $"'{written.Value}' is not an address in CIDR form (e.g. 10.0.0.1/24 or fd00::1/64)");
            return null;
        }

        return Usable(cidr, written, path, problems) ? cidr : null;
    }

    public static bool Usable(Cidr cidr, Located<string> written, string path, Problems problems)
    {
        if (NotForAnInterface(cidr.Address) is { } what)
        {
            problems.Add(written.Mark, path, $"{cidr} is {what}, which no interface can have; an interface needs a unicast address (e.g. {(cidr.IsV6 ? "fd00::1/64" : "10.0.0.1/24")})");
            return false;
        }

        if (cidr.HasReservedEnds && cidr.IsNetwork)
        {
            problems.Add(written.Mark, path, $"{cidr} is the network address of {cidr.Network}; an interface needs a host address (e.g. {cidr.FirstUsable}/{cidr.Prefix})");
            return false;
        }

        if (cidr.IsBroadcast)
        {
            problems.Add(written.Mark, path, $"{cidr} is the broadcast address of {cidr.Network}; an interface needs a host address (e.g. {cidr.FirstUsable}/{cidr.Prefix})");
            return false;
        }

        return true;
    }

    /// <summary>A bridge's subnet gives interface addresses, so none of it may be multicast.</summary>
    public static bool UnicastSubnet(Cidr subnet, Located<string> written, string path, Problems problems)
    {
        var multicast = Cidr.Parse(subnet.IsV6 ? "ff00::/8" : "224.0.0.0/4")!.Value;
        if (!subnet.Overlaps(multicast)) return true;
        problems.Add(written.Mark, path, $"subnet {subnet} overlaps the multicast range {multicast}: its addresses go on interfaces, which take only unicast addresses (e.g. {(subnet.IsV6 ? "fd00::/64" : "172.17.0.0/16")})");
        return false;
    }

    /// <summary>What an address is when the kernel would not put it on an interface; null for a unicast one.</summary>
    public static string? NotForAnInterface(Ip ip) =>
        ip.IsMulticast ? $"a multicast address ({(ip.IsV6 ? "ff00::/8" : "224.0.0.0/4")})"
        : ip.IsUnspecified ? $"the unspecified address ({ip})"
        : ip.IsLimitedBroadcast ? "the limited broadcast address"
        : null;

    /// <summary>A plain IP with no prefix (a route's <c>via</c>, a port's host IP, a check's target).</summary>
    public static Ip? Plain(Located<string> written, string path, string what, Problems problems)
    {
        if (Ip.Parse(written.Value) is { } ip) return ip;
        problems.Add(written.Mark, path, $"{what} '{written.Value}' is not an IP address (e.g. 10.0.0.1 or fd00::1)");
        return null;
    }

    /// <summary>An address that must sit in a bridge's subnet with the subnet's prefix, as the bridge's kernel route assumes.</summary>
    public static bool InSubnet(Cidr cidr, Cidr subnet, string bridge, Located<string> written, string path, Problems problems)
    {
        if (!subnet.Contains(cidr.Address))
        {
            problems.Add(written.Mark, path, $"{cidr} is outside subnet {subnet} of bridge '{bridge}' (e.g. {subnet.FirstUsable.Plus(1)}/{subnet.Prefix})");
            return false;
        }

        if (cidr.Prefix != subnet.Prefix)
        {
            problems.Add(written.Mark, path, $"{cidr} has prefix /{cidr.Prefix} but subnet {subnet} of bridge '{bridge}' is /{subnet.Prefix} (write {cidr.Address}/{subnet.Prefix})");
            return false;
        }

        return true;
    }
}

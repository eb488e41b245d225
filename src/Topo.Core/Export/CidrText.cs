using Topo.Core.Validation;

namespace Topo.Core.Export;

/// <summary>The little address arithmetic export needs, on CIDR text as the kernel view carries it.</summary>
internal static class CidrText
{
    /// <summary><c>172.17.0.1/16</c> to <c>172.17.0.0/16</c>.</summary>
    public static string Network(string cidr) => Cidr.Parse(cidr)?.Network.ToString() ?? cidr;

    /// <summary><c>172.17.0.1/16</c> to <c>172.17.0.1</c>.</summary>
    public static string Address(string cidr) => cidr.Split('/')[0];

    /// <summary>
    /// Whether an address may sit on a port of a bridge with subnet <paramref name="network"/>: of
    /// another family, or inside it with its prefix (the validator's rule for a subnet bridge's ports).
    /// </summary>
    public static bool Fits(string cidr, string network) =>
        Cidr.Parse(cidr) is not { } c || Cidr.Parse(network) is not { } n || c.IsV6 != n.IsV6 || (c.Prefix == n.Prefix && n.Contains(c.Address));

    /// <summary>Whether the interface address <paramref name="cidr"/> lies in the network <paramref name="network"/>.</summary>
    public static bool Within(string cidr, string network) =>
        Cidr.Parse(cidr) is { } c && Cidr.Parse(network) is { } n && n.Contains(c.Address);
}

using System.Net;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Tests.Properties;

/// <summary>Reading the desired state's addresses with the framework's own IP types, not the validator's.</summary>
internal static class Addresses
{
    public static IPAddress Ip(AddressResource address) => IPAddress.Parse(address.Cidr[..address.Cidr.IndexOf('/', StringComparison.Ordinal)]);

    public static int Prefix(AddressResource address) => int.Parse(address.Cidr[(address.Cidr.IndexOf('/', StringComparison.Ordinal) + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public static IEnumerable<AddressResource> Of(LabState state) => state.Resources.OfType<AddressResource>();

    /// <summary>The first usable address of a network: its base address plus one, in either family.</summary>
    public static IPAddress FirstUsable(IPNetwork network)
    {
        // The base address's host bits are clear, so adding one carries into no other byte.
        var bytes = network.BaseAddress.GetAddressBytes();
        bytes[^1]++;
        return new IPAddress(bytes);
    }

    /// <summary>A CIDR as the framework writes it (<c>fd10:0::1/64</c> is <c>fd10::1/64</c>), to compare written text with the lab's.</summary>
    public static string Canonical(string cidr)
    {
        var slash = cidr.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? IPAddress.Parse(cidr).ToString() : $"{IPAddress.Parse(cidr[..slash])}{cidr[slash..]}";
    }

    public static bool IsV6(AddressResource address) => Ip(address).AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;

    /// <summary>Namespace, device and CIDR: what must not change when the file grows.</summary>
    public static IEnumerable<string> Lines(LabState state) => Of(state).Select(a => $"{a.Ns.Display}:{a.Device} {a.Cidr}");
}

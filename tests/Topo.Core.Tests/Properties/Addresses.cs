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

    /// <summary>Namespace, device and CIDR: what must not change when the file grows.</summary>
    public static IEnumerable<string> Lines(LabState state) => Of(state).Select(a => $"{a.Ns.Display}:{a.Device} {a.Cidr}");
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Testing.Planning;

/// <summary>
/// A desired state as the kernel reader would give it back once applied: each route with the device the kernel
/// chose for it (its gateway's interface), and no gateway address, which only the lab file knows.
/// </summary>
public static class ReadBack
{
    public static LabState Of(LabState desired)
    {
        var addresses = desired.Resources.OfType<AddressResource>().ToDictionary(a => a.Key);
        return desired with
        {
            Resources = [.. desired.Resources.Select(r => AsRead(r, addresses))],
        };
    }

    private static Resource AsRead(Resource r, Dictionary<ResourceKey, AddressResource> addresses) => r is RouteResource { GatewayAddress: { } gw } route
        ? route with { Device = route.Device ?? addresses[gw].Device, GatewayAddress = null }
        : r;
}

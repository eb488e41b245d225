using System.Net;
using Topo.Linux.Namespaces;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Read;

/// <summary>
/// Whether this machine is a host of a lab that spans several: it holds that host's underlay address in its
/// own network namespace. Applying a host's share elsewhere would build tunnels from an address nobody answers.
/// </summary>
public static class UnderlayCheck
{
    public static bool Holds(KernelOptions options, string address)
    {
        var wanted = IPAddress.Parse(address);
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        using var client = RtnlClient.Open(host, "host");
        return client.StartAddresses().Collect(AddressInfo.Parse).Any(a => a.Prefix.Address.Equals(wanted));
    }
}

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
    public static bool Holds(KernelOptions options, string address) => Held(options, [address]).Count > 0;

    /// <summary>Those of <paramref name="addresses"/> this machine holds, from one read of its addresses.</summary>
    public static IReadOnlySet<string> Held(KernelOptions options, IEnumerable<string> addresses)
    {
        using var host = NamespaceThread.Enter(options.HostNamespacePath, "host");
        using var client = RtnlClient.Open(host, "host");
        var held = client.StartAddresses().Collect(AddressInfo.Parse).Select(a => a.Prefix.Address).ToHashSet();
        return addresses.Where(a => held.Contains(IPAddress.Parse(a))).ToHashSet(StringComparer.Ordinal);
    }
}

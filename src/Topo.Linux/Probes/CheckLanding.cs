using System.Net;
using Topo.Core.State;
using Topo.Core.Validation;
using Topo.Core.Kinds;

namespace Topo.Linux.Probes;

/// <summary>Where the lab file says a TCP or UDP check's traffic ends: a namespace and a port.</summary>
public sealed record Landing(Netns Ns, int Port, string Protocol, System.Net.Sockets.AddressFamily Family);

/// <summary>
/// Follows a check's address through the desired state: the namespace that owns the address,
/// then, if that namespace's lab table publishes the port (DNAT), on to the node behind it.
/// Loopback lands in the sender itself. An address outside the lab lands nowhere we know.
/// </summary>
public static class CheckLanding
{
    public static Landing? Of(ResolvedCheck check, LabState desired)
    {
        if (check.Port is not { } port || !IPAddress.TryParse(check.Address, out var address)) return null;
        var family = address.AddressFamily;
        // Loopback is the sender's own, where only a port published on that very address (127.0.0.1:8080:80) leads on.
        var loopback = IPAddress.IsLoopback(address);
        if ((loopback ? check.FromNamespace : Owner(address, desired)) is not { } owner) return null;

        // The lab's DNAT never matches loopback, and matches any local address of its family when it names no host IP.
        var nft = NftRule.FamilyOf(check.Address);
        var dnat = desired.Resources.OfType<NftTableResource>().Where(t => t.Ns == owner).SelectMany(t => t.Rules).OfType<DnatRule>()
            .FirstOrDefault(r => r.Protocol == check.Protocol && r.Family == nft && r.NodePortOf(port) is not null && (r.HostIp is null ? !loopback : r.HostIp == check.Address));
        if (dnat is not null && IPAddress.TryParse(dnat.NodeIp, out var nodeIp) && Owner(nodeIp, desired) is { } node)
            return new Landing(node, dnat.NodePortOf(port)!.Value, check.Protocol, nodeIp.AddressFamily);
        return new Landing(owner, port, check.Protocol, family);
    }

    private static Netns? Owner(IPAddress address, LabState desired) =>
        desired.Resources.OfType<AddressResource>()
            .FirstOrDefault(a => IPAddress.TryParse(a.Cidr.Split('/')[0], out var ip) && ip.Equals(address))?.Ns;
}

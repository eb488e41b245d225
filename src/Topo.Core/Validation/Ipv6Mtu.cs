using Topo.Core.State;
using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// IPv6 needs an MTU of at least 1280 (RFC 8200): below that the kernel takes IPv6 off the device,
/// its addresses with it, and the lab could never match its file.
/// </summary>
internal static class Ipv6Mtu
{
    public const int Min = 1280;

    public static void Check(LabNames names, ImmutableArray<ResolvedLink> links, ImmutableArray<ResolvedDevice> macvlans, AddressPlan plan, Problems problems)
    {
        var v6 = plan.All.Where(a => a.Cidr.IsV6).GroupBy(a => (a.Ns, a.Device)).ToDictionary(g => g.Key, g => g.First());
        if (v6.Count == 0) return;

        foreach (var bridge in names.Bridges)
            Refuse(bridge.Spec.Mtu, $"{bridge.Path}.mtu", [($"bridge '{bridge.Name}'", (bridge.Ns, bridge.Name))], v6, problems);
        foreach (var link in links)
        {
            // A bridge without an MTU of its own takes the smallest of its ports'.
            var bridges = link.Ends.Select(e => e.Bridge).OfType<BridgePlace>().Where(b => b.Spec.Mtu is null)
                .Select(b => ($"bridge '{b.Name}' (whose MTU follows its smallest port)", (b.Ns, b.Name)));
            Refuse(link.Spec.Mtu, $"{link.Path}.mtu", [.. link.Ends.Select(e => (e.Display, (e.Ns, e.Name!))), .. bridges], v6, problems);
        }

        foreach (var m in macvlans)
            Refuse(m.Spec.Mtu, $"{m.Path}.mtu", [(m.Device.Display, (m.Device.Ns, m.Device.Name!))], v6, problems);
    }

    /// <summary>Once per MTU, naming the first device it would take IPv6 from.</summary>
    private static void Refuse(
        Located<int>? mtu, string path, List<(string What, (Netns, string) Device)> devices, Dictionary<(Netns, string), PlannedAddress> v6, Problems problems)
    {
        // Below the IPv4 minimum the MTU is refused on its own already.
        if (mtu is not { Value: >= DeviceSettings.MinMtu and < Min }) return;
        foreach (var (what, device) in devices)
        {
            if (!v6.TryGetValue(device, out var address)) continue;
            problems.Add(mtu.Mark, path, $"mtu {mtu.Value} is below {Min}, the IPv6 minimum, and {what} has the IPv6 address {address.Cidr}: the kernel would take IPv6 off the interface (make mtu at least {Min}, or drop the IPv6 address)");
            return;
        }
    }
}

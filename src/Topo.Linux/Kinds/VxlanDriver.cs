using System.Collections.Immutable;
using System.Net;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.Rtnl;

namespace Topo.Linux.Kinds;

/// <summary>
/// VXLAN devices: made in the underlay's namespace (where the tunnel's socket stays) and placed straight in
/// their own; link settings changed in place, the tunnel's by a new device.
/// </summary>
internal sealed class VxlanDriver : DeviceDriver<VxlanResource>, ILinkKindReader
{
    public string LinkKind => "vxlan";

    protected override void Create(VxlanResource vxlan, KindContext x)
    {
        var d = vxlan.Device;
        var tunnel = new VxlanInfo((uint)vxlan.Vni, Address(vxlan.Remote ?? vxlan.Group), Address(vxlan.Local), (ushort)vxlan.Port);
        x.Links.MakeAndPlace(d, vxlan.Underlay, (b, target) => b.CreateVxlan(d.Name, target, tunnel, vxlan.Dev, new LinkOptions(d.Mtu, d.Mac)));
    }

    protected override LinkEnd DeviceOf(VxlanResource vxlan) => vxlan.Device;

    /// <summary>
    /// With its tunnel, and its underlay where that namespace was read (the device's own when the kernel names
    /// no other); in a lab's namespace the lab's even unmarked (a kill before its mark).
    /// </summary>
    public Resource? Read(LinkRead read)
    {
        var tunnel = read.Link.Vxlan ?? new VxlanInfo(0, null, null, 0);
        var underlay = read.Link.PeerNetnsId is null ? read.Snapshot.Key : read.Peers.TryGetValue((read.Snapshot.Key, read.Link.Index), out var p) ? p.Ns : "(not read)";
        var remote = tunnel.Remote;
        var multicast = remote is not null && (remote.IsIPv6Multicast || (remote.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (remote.GetAddressBytes()[0] & 0xf0) == 0xe0));
        var owner = read.Owner ?? read.NamespaceOwner;
        var dev = tunnel.LinkIndex is { } index && read.Snapshots.TryGetValue(underlay, out var there) ? there.ByIndex(index)?.Name ?? "(not found)" : null;
        return new VxlanResource(read.End, underlay, (int)tunnel.Vni, multicast ? null : remote?.ToString(), multicast ? remote!.ToString() : null, tunnel.Local?.ToString(), tunnel.Port)
        {
            Dev = dev,
            Owner = owner,
            Marked = read.Owner is not null || owner is null,
        };
    }

    private static IPAddress? Address(string? text) => text is null ? null : IPAddress.Parse(text);
}

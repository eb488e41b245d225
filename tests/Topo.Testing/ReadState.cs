using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Testing;

/// <summary>
/// States as a read of the kernel gives them to inspect and export, built by hand: interfaces with their
/// index, kind and peer (<see cref="InterfaceFacts"/>), addresses in the kernel's order, the namespaces read.
/// </summary>
public static class ReadState
{
    public static LinkEnd End(
        Netns ns, int index, string name, string kind, string? master = null, int mtu = 1500, string? mac = null, bool up = true, string? alias = null) =>
        new(ns, name, master, mtu, mac, up) { Kernel = new InterfaceFacts(index, kind, alias) };

    /// <summary>A veth pair, each end the other's peer.</summary>
    public static VethResource Pair(LinkEnd a, LinkEnd b) => VethResource.Of(PeerOf(a, b), PeerOf(b, a));

    /// <summary>An end whose peer or parent is <paramref name="other"/>.</summary>
    public static LinkEnd PeerOf(LinkEnd end, LinkEnd other) =>
        end with { Kernel = end.Kernel! with { LinkIndex = other.Kernel!.Index, Peer = new InterfacePeer(other.Namespace, other.Name, other.Kernel.Index) } };

    public static IEnumerable<AddressResource> Addresses(LinkEnd end, params string[] cidrs) =>
        cidrs.Select(c => new AddressResource(end.Namespace, end.Name, c));

    /// <summary>The state of the namespaces read, its resources in the order the kernel lists them.</summary>
    public static LabState Of(string lab, IEnumerable<Netns> namespaces, IEnumerable<Resource> resources) =>
        new(lab, [.. resources]) { Namespaces = [.. namespaces] };
}

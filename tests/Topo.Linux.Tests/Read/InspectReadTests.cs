using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Linux.Read;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Read;

/// <summary>inspect and export read the kernel as plan does: the same resources, with the kernel's indexes and peers beside them.</summary>
public sealed class InspectReadTests
{
    [KernelFact]
    public void Inspect_reads_what_plan_reads_plus_indexes_peers_and_forwarding()
    {
        using var sandbox = new KernelSandbox();
        var lab = sandbox.Id;
        var mark = Ownership.Mark(lab);
        var node = sandbox.Name("n");
        using var thread = sandbox.Namespaces.Create(node);
        using var handle = NetnsHandle.Of(thread);
        using var host = RtnlClient.Open(sandbox.Host, "host");
        using var inNode = RtnlClient.Open(thread);
        inNode.Apply(t => t.SetUp("lo", true).SetAlias("lo", mark));
        host.Apply(t => t
            .CreateBridge("br0", new LinkOptions(Alias: mark, Up: true))
            .CreateVeth(new VethEnd("vn", null, new LinkOptions(Master: "br0", Alias: mark, Up: true)), new VethEnd("eth0", handle, new LinkOptions()))
            .AddAddress("br0", "10.0.0.1/24"));
        inNode.Apply(t => t.SetAlias("eth0", mark).SetUp("eth0", true)
            .AddAddress("eth0", "10.0.0.9/24").AddAddress("eth0", "10.0.0.10/24").AddAddress("eth0", "fd00::2/64")
            .AddRoute(new RouteSpec("default", Via: "10.0.0.1")).AddRoute(new RouteSpec("::/0", Via: "fd00::1")));

        var planned = new KernelReader(sandbox.Host, sandbox.Namespaces).Read(lab, [], ReadDepth.Everything, null);
        var inspected = KernelInspector.Read(
            new KernelOptions(HostNamespacePath: sandbox.HostPath, NetnsDirectory: sandbox.Namespaces.Path, NftLibrary: "no-nftables.so"),
            new NamespaceChoice([], lab));

        // The same objects with the same compared attributes, read by the same rules; inspect adds only the forwarding sysctls.
        Assert.Equal(Objects(planned.Resources), Objects(inspected.Resources.Where(r => r is not SysctlResource)));
        Assert.Contains(inspected.Resources, r => r is SysctlResource { Ns.IsHost: true, Name: "net.ipv4.ip_forward" });
        Assert.Contains(node, inspected.Namespaces);
        Assert.Contains(Netns.Host, inspected.Namespaces);
        // Addresses and routes in the kernel's order, not the keys': 10.0.0.9 was added first, IPv4's default is listed before IPv6's.
        Assert.Equal(["10.0.0.9/24", "10.0.0.10/24", "fd00::2/64"], inspected.Resources.OfType<AddressResource>().Where(a => a.Ns == node).Select(a => a.Cidr));
        Assert.Equal(["default", "::/0"], inspected.Resources.OfType<RouteResource>().Where(r => r.Ns == node).Select(r => r.To));
        // Each end names the other, with the index ip link shows after the @.
        var pair = inspected.Resources.OfType<VethResource>().Single(v => v.B.Namespace == node);
        var (hostEnd, nodeEnd) = (pair.A.Kernel!, pair.B.Kernel!);
        Assert.Equal(new InterfacePeer(node, "eth0", nodeEnd.Index), hostEnd.Peer);
        Assert.Equal(new InterfacePeer(Netns.Host, "vn", hostEnd.Index), nodeEnd.Peer);
        Assert.Equal(hostEnd.Index, nodeEnd.LinkIndex);
        Assert.Equal(("veth", mark), (nodeEnd.Kind, nodeEnd.Alias));
    }

    private static List<string> Objects(IEnumerable<Resource> resources) =>
        [.. resources.Select(r => $"{r.Describe()} owner={r.Owner} {string.Join(", ", r.Attributes.Select(a => $"{a.Name}={a.Value}"))}").Order(StringComparer.Ordinal)];
}

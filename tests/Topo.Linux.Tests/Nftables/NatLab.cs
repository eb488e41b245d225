using Topo.Core.State;
using Topo.Linux.Namespaces;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Nftables;

/// <summary>
/// The plumbing of a Docker-style lab, built with <c>ip</c> inside a sandbox (the product's own
/// netlink code is not what these tests are about):
/// <code>
///   client 192.168.50.2 ── vc 192.168.50.1 ┐
///                                          host (ip_forward=1)
///   n1 10.1.0.2 ─ v1 ┐                     │
///   n2 10.1.0.3 ─ v2 ┴ brA 10.1.0.1 ───────┤
///   n3 10.2.0.2 ─ v3 ─ brB 10.2.0.1 ───────┘
/// </code>
/// Nodes have default routes via their bridge; the client has none, so it can answer only the host.
/// </summary>
internal sealed class NatLab : IDisposable
{
    public const string Subnet = "10.1.0.0/24";
    public const string Gateway = "10.1.0.1";
    public const string N1 = "10.1.0.2";
    public const string N2 = "10.1.0.3";
    public const string N3 = "10.2.0.2";
    public const string HostOutside = "192.168.50.1";
    public const string ClientIp = "192.168.50.2";

    private readonly List<NamespaceThread> _threads = [];

    public NatLab(bool bridgeNetfilter)
    {
        Sandbox = new KernelSandbox();
        try
        {
            Sysctl("net.ipv4.ip_forward", "1");
            Sysctl("net.bridge.bridge-nf-call-iptables", bridgeNetfilter ? "1" : "0");
            Bridge("brA", "10.1.0.1/24");
            Bridge("brB", "10.2.0.1/24");
            Node1 = Node("n1", "v1", "brA", N1 + "/24", Gateway);
            Node2 = Node("n2", "v2", "brA", N2 + "/24", Gateway);
            Node3 = Node("n3", "v3", "brB", N3 + "/24", "10.2.0.1");
            Client = Node("c", "vc", null, ClientIp + "/24", null);
            Sandbox.Witness("ip", "addr", "add", HostOutside + "/24", "dev", "vc");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public KernelSandbox Sandbox { get; }
    public NamespaceThread Host => Sandbox.Host;
    public NamespaceThread Node1 { get; } = null!;
    public NamespaceThread Node2 { get; } = null!;
    public NamespaceThread Node3 { get; } = null!;
    public NamespaceThread Client { get; } = null!;

    /// <summary>With bridge netfilter on, a DNATed packet may leave by the port it came in on only in hairpin mode.</summary>
    public void Hairpin(string hostEnd) => Sandbox.Witness("ip", "link", "set", hostEnd, "type", "bridge_slave", "hairpin", "on");

    public void Sysctl(string key, string value) =>
        Sandbox.Witness("sh", "-c", $"echo {value} > /proc/sys/{key.Replace('.', '/')}");

    public void Dispose()
    {
        foreach (var t in _threads) t.Dispose();
        Sandbox.Dispose();
    }

    private void Bridge(string name, string address)
    {
        Sandbox.Witness("ip", "link", "add", name, "type", "bridge");
        Sandbox.Witness("ip", "addr", "add", address, "dev", name);
        Sandbox.Witness("ip", "link", "set", name, "up");
    }

    private NamespaceThread Node(string suffix, string hostEnd, string? bridge, string address, string? gateway)
    {
        var name = Sandbox.Name(suffix);
        var thread = Sandbox.Namespaces.Create(name);
        _threads.Add(thread);
        Sandbox.Witness("ip", "link", "add", hostEnd, "type", "veth", "peer", "name", "eth0", "netns", name);
        if (bridge is not null) Sandbox.Witness("ip", "link", "set", hostEnd, "master", bridge);
        Sandbox.Witness("ip", "link", "set", hostEnd, "up");
        In(name, "ip", "link", "set", "lo", "up");
        In(name, "ip", "addr", "add", address, "dev", "eth0");
        In(name, "ip", "link", "set", "eth0", "up");
        if (gateway is not null) In(name, "ip", "route", "add", "default", "via", gateway);
        return thread;
    }

    private static void In(Netns ns, params string[] args) => KernelSandbox.Run(["nsenter", $"--net=/run/netns/{ns}", "--", .. args]);
}

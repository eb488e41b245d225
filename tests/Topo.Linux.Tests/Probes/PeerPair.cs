using Topo.Linux.Namespaces;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Probes;

/// <summary>
/// The sandbox's host and one namespace joined by a veth pair, built with <c>ip</c> (the product's
/// netlink code is not what probe tests are about):
/// host vh 10.9.0.1/24, fd09::1/64 ── vp 10.9.0.2/24, fd09::2/64 peer. Neither has a default route.
/// </summary>
internal sealed class PeerPair : IDisposable
{
    public const string HostIp = "10.9.0.1";
    public const string PeerIp = "10.9.0.2";
    public const string HostIp6 = "fd09::1";
    public const string PeerIp6 = "fd09::2";

    public PeerPair()
    {
        Sandbox = new KernelSandbox();
        try
        {
            PeerName = Sandbox.Name("peer");
            Peer = Sandbox.Namespaces.Create(PeerName);
            Sandbox.Witness("ip", "link", "add", "vh", "type", "veth", "peer", "name", "vp", "netns", PeerName);
            Sandbox.Witness("ip", "addr", "add", HostIp + "/24", "dev", "vh");
            Sandbox.Witness("ip", "addr", "add", HostIp6 + "/64", "dev", "vh", "nodad");
            Sandbox.Witness("ip", "link", "set", "vh", "up");
            InPeer("ip", "link", "set", "lo", "up");
            InPeer("ip", "addr", "add", PeerIp + "/24", "dev", "vp");
            InPeer("ip", "addr", "add", PeerIp6 + "/64", "dev", "vp", "nodad");
            InPeer("ip", "link", "set", "vp", "up");
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public KernelSandbox Sandbox { get; }

    public string PeerName { get; } = "";

    public NamespaceThread Host => Sandbox.Host;

    public NamespaceThread Peer { get; } = null!;

    public string InPeer(params string[] args) => KernelSandbox.Run(["ip", "netns", "exec", PeerName, .. args]);

    /// <summary>Makes the peer drop what matches <paramref name="match"/> on input, silently (a firewall, not a refusal).</summary>
    public void DropInPeer(string match)
    {
        InPeer("nft", "add table inet probe-test");
        InPeer("nft", "add chain inet probe-test in { type filter hook input priority 0; }");
        InPeer("nft", $"add rule inet probe-test in {match} drop");
    }

    public void Dispose()
    {
        Peer?.Dispose();
        Sandbox.Dispose();
    }
}

using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.Tests.Execute;

/// <summary>
/// A docker-like lab built by hand: two nodes on a host bridge with subnet addresses and default
/// routes through it, forwarding on, masquerade and a published port, hairpin on the publishing node's port.
/// </summary>
internal sealed record DockerLikeLab(string Lab, string Node1, string Node2)
{
    public const string Gateway = "10.77.0.1";
    public const string Node1Ip = "10.77.0.2";
    public const string Node2Ip = "10.77.0.3";
    public const int PublishedPort = 8080;
    public const int ServicePort = 80;
    private const string Subnet = "10.77.0.0/24";

    public LabState Desired
    {
        get
        {
            var node1Address = new AddressResource(Node1, "eth0", Node1Ip + "/24");
            var node2Address = new AddressResource(Node2, "eth0", Node2Ip + "/24");
            return new LabState(Lab,
            [
                new NamespaceResource(Node1),
                new NamespaceResource(Node2),
                new BridgeResource(new LinkEnd(Netns.Host, "br0")),
                new AddressResource(Netns.Host, "br0", Gateway + "/24"),
                VethResource.Of(new LinkEnd(Node1, "eth0"), new LinkEnd(Netns.Host, "vn1", Master: "br0")),
                VethResource.Of(new LinkEnd(Node2, "eth0"), new LinkEnd(Netns.Host, "vn2", Master: "br0", Hairpin: true)),
                node1Address,
                node2Address,
                new RouteResource(Node1, "default", Gateway, null) { GatewayAddress = node1Address.Key },
                new RouteResource(Node2, "default", Gateway, null) { GatewayAddress = node2Address.Key },
                new SysctlResource(Netns.Host, "net.ipv4.ip_forward", "1"),
                new NftTableResource(Netns.Host, NftTableResource.TableName(Lab),
                [
                    new MasqueradeRule(Subnet),
                    new HairpinMasqueradeRule(Subnet),
                    new DnatRule(NftChain.Prerouting, "tcp", null, PublishedPort, Node2Ip, ServicePort),
                    new DnatRule(NftChain.Output, "tcp", null, PublishedPort, Node2Ip, ServicePort),
                ]),
            ]);
        }
    }
}

using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Tests.Planning;

/// <summary>
/// A small Docker-like lab built by hand: two boxes on bridge docker0, addresses, default
/// routes through the gateway, sysctls and the lab's nftables table.
/// </summary>
internal static class DockerishLab
{
    public const string Lab = "dockerish";

    public static readonly NamespaceResource Box1 = new("box1");
    public static readonly NamespaceResource Box2 = new("box2");
    public static readonly BridgeResource Docker0 = new(new LinkEnd(Netns.Host, "docker0"));
    public static readonly AddressResource Gateway = new(Netns.Host, "docker0", "172.17.0.1/16");
    public static readonly VethResource Veth1 = Veth("box1", "eth0", "vethbox1");
    public static readonly VethResource Veth2 = Veth("box2", "eth0", "vethbox2");
    public static readonly AddressResource Box1Address = new("box1", "eth0", "172.17.0.2/16");
    public static readonly AddressResource Box2Address = new("box2", "eth0", "172.17.0.3/16");
    public static readonly RouteResource Box1Default = DefaultRoute(Box1Address);
    public static readonly RouteResource Box2Default = DefaultRoute(Box2Address);
    public static readonly SysctlResource Forwarding = new(Netns.Host, "net.ipv4.ip_forward", "1");
    public static readonly SysctlResource Box2NoIpv6 = new("box2", "net.ipv6.conf.all.disable_ipv6", "1");

    public static readonly NftTableResource Nat = new(
        Netns.Host,
        NftTableResource.TableName(Lab),
        [new MasqueradeRule("172.17.0.0/16"), new HairpinMasqueradeRule("172.17.0.0/16")]);

    public static ImmutableArray<Resource> Resources =>
        [Box1, Box2, Docker0, Gateway, Veth1, Veth2, Box1Address, Box2Address, Box1Default, Box2Default, Forwarding, Box2NoIpv6, Nat];

    public static LabState Desired => new(Lab, Resources);

    /// <summary>The lab as the kernel holds it once applied: every object carries the lab's mark.</summary>
    public static LabState Applied => new(Lab, [.. Resources.Select(Owned)]);

    public static T Owned<T>(T resource) where T : Resource => resource with { Owner = Lab };

    public static VethResource Veth(Netns ns, string name, string hostName, string? master = "docker0") =>
        VethResource.Of(new LinkEnd(ns, name), new LinkEnd(Netns.Host, hostName, Master: master));

    public static RouteResource DefaultRoute(AddressResource local) =>
        new(local.Ns, "default", "172.17.0.1", null) { GatewayAddress = local.Key };
}

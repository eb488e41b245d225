namespace Topo.Core.Tests.Export;

/// <summary>
/// Dual-stack labs to export: NAT66 with ports, ranges in both families, an internal and an IPv6-only
/// bridge (<c>nat</c>); and what the pool cannot say alone (<c>edges</c>): an IPv6 gateway set by hand, subnets
/// written IPv6 first, a range of one family, written addresses, a second bridge and a bridge inside a node.
/// </summary>
internal static class DualStackLabs
{
    public static TheoryData<string> Names() => ["nat", "edges"];

    public static string Text(string name) => name switch
    {
        "nat" => Nat,
        "edges" => Edges,
        _ => throw new ArgumentException(name),
    };

    private const string Nat = """
        version: 1
        lab: dual
        host:
          sysctls: {net.ipv4.ip_forward: 1, net.ipv6.conf.all.forwarding: 1}
        bridges:
          docker0: {subnet: [172.17.0.0/16, "fd00:17::/64"], masquerade: true}
          personal: {subnet: [172.21.0.0/16, "fd00:21::/64"], ip_range: [172.21.240.0/20, "fd00:21::1000/116"], masquerade: true, isolated: true}
          back: {subnet: [172.22.0.0/16, "fd00:22::/64"], internal: true}
          v6only: {subnet: "fd00:23::/64"}
        nodes:
          box1: {}
          web:
            ports: ["8080:80/tcp", "127.0.0.1:8081:80", "8000-8010:9000-9010"]
          pbox1: {}
          pbox2: {}
          db: {}
          six: {}
          pca:
            routes: [{to: default, via: 10.200.0.1}, {to: default, via: "fd00:200::1"}]
        links:
          - [box1:eth0, docker0]
          - [web:eth0, docker0]
          - [pbox1:eth0, personal]
          - [pbox2:eth0, personal]
          - [db:eth0, back]
          - [six:eth0, v6only]
          - endpoints: [pca:eth0, host:pca0]
            addresses:
              pca:eth0: [10.200.0.2/24, "fd00:200::2/64"]
              host:pca0: [10.200.0.1/24, "fd00:200::1/64"]
        """;

    private const string Edges = """
        version: 1
        lab: edges
        bridges:
          br1: {subnet: [10.1.0.0/24, "fd00:1::/64"], address: "fd00:1::fe"}
          br2: {subnet: ["fd00:2::/64", 10.2.0.0/24], ip_range: "fd00:2::80/121", isolated: true}
          inner: {node: r, subnet: [10.3.0.0/24, "fd00:3::/64"]}
        nodes:
          a: {}
          b: {}
          c: {}
          r: {sysctls: {net.ipv4.ip_forward: 1, net.ipv6.conf.all.forwarding: 1}}
        links:
          - [a:eth0, br1]
          - endpoints: [b:eth0, br1]
            addresses: {b:eth0: [10.1.0.9/24, "fd00:1::9/64"]}
          - [a:eth1, br2]
          - [c:eth0, br2]
          - [r:eth0, br1]
          - [c:eth1, inner]
        """;
}

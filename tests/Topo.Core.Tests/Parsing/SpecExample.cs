namespace Topo.Core.Tests.Parsing;

/// <summary>The complete example of spec/topology.md, as a user would write it (comments included).</summary>
internal static class SpecExample
{
    public const string Text = """
        # yaml-language-server: $schema=../schemas/topology.schema.json
        version: 1
        lab: dockerish                 # required; [a-z][a-z0-9-]*, at most 12 characters

        host:                          # the root network namespace: optional settings only
          sysctls:
            net.ipv4.ip_forward: 1

        bridges:                       # Linux bridges; in the host namespace unless `node:` names one
          docker0:
            subnet: 172.17.0.0/16      # the bridge takes the gateway (first address) unless `address:` says otherwise
            masquerade: true           # NAT: traffic from the subnet that leaves by another interface
          personal:
            subnet: 172.21.0.0/16
            ip_range: 172.21.240.0/20  # automatic addresses come from here (first usable first)
            masquerade: true
            isolated: true             # no forwarding between this bridge and the lab's other bridges

        nodes:                         # each node is one network namespace, named after the node
          box1: {}
          box2: {}
          pbox1: {}
          web:
            ports: ["8080:80/tcp"]     # host port 8080 -> this node's bridge address, port 80 (DNAT)
          router:
            sysctls: {net.ipv4.ip_forward: 1}
            routes:
              - {to: 10.9.0.0/16, via: 10.100.0.2}

        links:                         # veth pairs: each end is NODE:IFNAME, host:IFNAME, or BRIDGE[:IFNAME]
          - [box1:eth0, docker0]
          - [box2:eth0, docker0]
          - [web:eth0, docker0]
          - [pbox1:eth0, personal]
          - endpoints: [router:eth1, host:vr1]
            addresses:
              router:eth1: [10.100.0.1/24]
              host:vr1: [10.100.0.2/24]
            mtu: 1400

        checks:
          - {from: box1, to: box2, expect: reach}                 # ICMP echo to box2's first address
          - {from: box1, to: pbox1, expect: no-reach}             # isolation between bridges
          - {from: pca, to: "host:8080", proto: tcp, expect: reach}  # TCP connect through the port map
          - {from: box1, to: 172.17.0.1, expect: reach}           # any address
        """;
}

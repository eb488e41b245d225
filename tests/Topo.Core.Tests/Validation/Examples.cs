namespace Topo.Core.Tests.Validation;

/// <summary>Labs from the spec, built in code.</summary>
internal static class Examples
{
    /// <summary>The complete example of the topology spec: the Docker bridge, rebuilt by hand.</summary>
    public static LabBuilder Dockerish() => new LabBuilder()
        .Lab("dockerish")
        .HostSysctl("net.ipv4.ip_forward", "1")
        .Bridge("docker0", subnet: "172.17.0.0/16", masquerade: true)
        .Bridge("personal", subnet: "172.21.0.0/16", ipRange: "172.21.240.0/20", masquerade: true, isolated: true)
        .Nodes("box1", "box2", "pbox1")
        .Node("web", ports: ["8080:80/tcp"])
        .Node("router", sysctls: [("net.ipv4.ip_forward", "1")], routes: [("10.9.0.0/16", "10.100.0.2", null)])
        .Link("box1:eth0", "docker0")
        .Link("box2:eth0", "docker0")
        .Link("web:eth0", "docker0")
        .Link("pbox1:eth0", "personal")
        .Link("router:eth1", "host:vr1", mtu: 1400, addresses: [("router:eth1", ["10.100.0.1/24"]), ("host:vr1", ["10.100.0.2/24"])]);
}

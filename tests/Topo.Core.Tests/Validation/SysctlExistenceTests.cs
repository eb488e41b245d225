using Topo.Core.Validation;

namespace Topo.Core.Tests.Validation;

/// <summary>The key lookup the Linux side gives validation before a plan or an apply, played here by a table.</summary>
public sealed class SysctlExistenceTests
{
    private readonly List<(string Key, bool InHost)> _asked = [];

    private SysctlKeyState Probe(string key, bool inHost)
    {
        _asked.Add((key, inHost));
        return key switch
        {
            "net.ipv4.tcp_available_congestion_control" => SysctlKeyState.ReadOnly,
            "net.core.rmem_max" => inHost ? SysctlKeyState.Writable : SysctlKeyState.Missing,
            _ when key.Contains("forwrding", StringComparison.Ordinal) => SysctlKeyState.Missing,
            _ => SysctlKeyState.Writable,
        };
    }

    private string[] Errors(LabBuilder lab) =>
        [.. LabValidator.Validate(lab.Build(), Probe).Diagnostics.Select(d => $"{d.Path}: {d.Message}")];

    [Fact]
    public void A_key_that_does_not_exist_is_refused_at_its_line() =>
        Assert.Equal(
            ["host.sysctls.net.ipv4.conf.all.forwrding: sysctl 'net.ipv4.conf.all.forwrding' does not exist in the host (no /proc/sys/net/ipv4/conf/all/forwrding); check the spelling, or load the kernel module that adds it"],
            Errors(new LabBuilder().HostSysctl("net.ipv4.conf.all.forwrding", "1")));

    [Fact]
    public void A_read_only_key_is_refused() =>
        Assert.Equal(
            ["nodes.r.sysctls.net.ipv4.tcp_available_congestion_control: sysctl 'net.ipv4.tcp_available_congestion_control' is read-only in a new namespace (as node 'r' gets) (/proc/sys/net/ipv4/tcp_available_congestion_control cannot be written); remove it"],
            Errors(new LabBuilder().Node("r", sysctls: [("net.ipv4.tcp_available_congestion_control", "reno")])));

    [Fact]
    public void A_node_key_is_looked_up_in_a_new_namespace_and_a_host_key_in_the_host()
    {
        Assert.Equal(
            ["nodes.r.sysctls.net.core.rmem_max: sysctl 'net.core.rmem_max' does not exist in a new namespace (as node 'r' gets) (no /proc/sys/net/core/rmem_max); check the spelling, or load the kernel module that adds it"],
            Errors(new LabBuilder().HostSysctl("net.core.rmem_max", "1000000").Node("r", sysctls: [("net.core.rmem_max", "1000000")])));
        Assert.Equal([("net.core.rmem_max", true), ("net.core.rmem_max", false)], _asked);
    }

    [Fact]
    public void A_node_on_the_host_network_sets_host_keys() =>
        Assert.Empty(Errors(new LabBuilder().Node("mon", network: "host", sysctls: [("net.core.rmem_max", "1000000")])));

    [Fact]
    public void A_key_of_an_interface_the_lab_makes_is_looked_up_under_default()
    {
        var lab = new LabBuilder().Nodes("r", "b").Link("r:eth0", "b:eth0")
            .Node("x", sysctls: [("net.ipv4.conf.all.rp_filter", "0")]);
        var withKeys = new LabBuilder().Nodes("b")
            .Node("r", sysctls: [("net.ipv4.conf.eth0.forwarding", "1"), ("net.ipv6.conf.eth0.forwrding", "1"), ("net.ipv4.neigh.eth0.gc_stale_time", "30"), ("net.ipv4.conf.lo.rp_filter", "0")])
            .Link("r:eth0", "b:eth0");

        Assert.Empty(Errors(lab));
        Assert.Equal(
            ["nodes.r.sysctls.net.ipv6.conf.eth0.forwrding: sysctl 'net.ipv6.conf.eth0.forwrding' does not exist in a new namespace (as node 'r' gets) (no /proc/sys/net/ipv6/conf/default/forwrding, looked up as net.ipv6.conf.default.forwrding since the lab makes 'eth0'); check the spelling, or load the kernel module that adds it"],
            Errors(withKeys));
        Assert.Contains(("net.ipv4.conf.default.forwarding", false), _asked);
        Assert.Contains(("net.ipv4.neigh.default.gc_stale_time", false), _asked);
        Assert.Contains(("net.ipv4.conf.lo.rp_filter", false), _asked);
    }

    [Fact]
    public void A_key_of_an_interface_a_node_will_not_have_is_refused() =>
        Assert.Equal(
            ["nodes.r.sysctls.net.ipv4.conf.eth9.forwarding: sysctl 'net.ipv4.conf.eth9.forwarding' is for interface 'eth9', which r will not have (interfaces: eth0, lo)"],
            Errors(new LabBuilder().Nodes("b").Node("r", sysctls: [("net.ipv4.conf.eth9.forwarding", "1")]).Link("r:eth0", "b:eth0")));

    [Fact]
    public void A_key_of_a_host_interface_the_lab_does_not_make_is_looked_up_as_it_is()
    {
        Assert.Empty(Errors(new LabBuilder().HostSysctl("net.ipv4.conf.eth0.forwarding", "1")));
        Assert.Equal([("net.ipv4.conf.eth0.forwarding", true)], _asked);
    }

    [Fact]
    public void Without_a_way_to_look_only_the_form_is_checked()
    {
        Assert.Empty(new LabBuilder().HostSysctl("net.ipv4.conf.all.forwrding", "1").Errors());
        Assert.Empty(LabValidator.Validate(new LabBuilder().HostSysctl("net.ipv4.conf.all.forwrding", "1").Build(), (_, _) => SysctlKeyState.Unknown).Diagnostics);
    }
}

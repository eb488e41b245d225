using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// vlan, ipvlan and dummy links end to end. Where the kernel has the kind, the lab applies, the device is
/// what `ip -d link` says, traffic flows and a second plan is empty; where it lacks it, apply names the
/// kernel's own refusal and leaves nothing behind. Each test asserts the one that holds on this kernel.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class NewLinkKindTests : IDisposable
{
    private const string Vlans = """
        version: 1
        lab: vlans
        nodes: {r1: {}, r2: {}}
        links:
          - [r1:eth0, r2:eth0]
          - {type: vlan, parent: r1:eth0, endpoint: r1:eth0.10, id: 10, addresses: {r1:eth0.10: 10.10.0.1/24}}
          - {type: vlan, parent: r2:eth0, endpoint: r2:eth0.10, id: 10, addresses: {r2:eth0.10: 10.10.0.2/24}}
          - {type: dummy, endpoint: r1:lo1, addresses: {r1:lo1: 10.255.0.1/32}}
        """;

    private const string Ipvlans = """
        version: 1
        lab: ipvlans
        nodes: {gw: {}, a: {}, b: {}}
        links:
          - endpoints: [host:trunk1, gw:eth0]
            addresses: {host:trunk1: 10.30.0.1/24, gw:eth0: 10.30.0.254/24}
          - {type: ipvlan, parent: host:trunk1, endpoint: a:ipv0, addresses: {a:ipv0: 10.30.0.10/24}}
          - {type: ipvlan, parent: host:trunk1, endpoint: b:ipv0, addresses: {b:ipv0: 10.30.0.11/24}}
        """;

    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    private string Write(string name, string text)
    {
        var file = Path.Combine(_run.State, name);
        File.WriteAllText(file, text);
        return file;
    }

    [KernelFact]
    public void A_vlan_lab_works_where_the_kernel_has_vlans_and_names_the_kernels_refusal_where_not()
    {
        var file = Write("vlans.yaml", Vlans);
        var apply = _run.Topo("apply", file, "-q");

        if (LinkKindProbe.Missing("vlan") is not null || LinkKindProbe.Missing("dummy") is not null)
        {
            Assert.NotEqual(0, apply.ExitCode);
            Assert.Contains("creating", apply.Error);
            Assert.Contains("Unknown device type", apply.Error + apply.Out);
            Assert.Empty(_run.Namespaces());
            return;
        }

        Assert.True(apply.ExitCode == 0, apply.Error);
        var vlan = IpWitness.Link(_run.Sandbox, "r1", "eth0.10").GetProperty("linkinfo");
        Assert.Equal("vlan", vlan.GetProperty("info_kind").GetString());
        Assert.Equal(10, vlan.GetProperty("info_data").GetProperty("id").GetInt32());
        Assert.True(_run.Pings("r1", "10.10.0.2"), "tagged frames cross the veth between the vlans");
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void An_ipvlan_lab_works_where_the_kernel_has_ipvlans_and_names_the_kernels_refusal_where_not()
    {
        var file = Write("ipvlans.yaml", Ipvlans);
        var apply = _run.Topo("apply", file, "-q");

        if (LinkKindProbe.Missing("ipvlan") is not null)
        {
            Assert.NotEqual(0, apply.ExitCode);
            Assert.Contains("Unknown device type", apply.Error + apply.Out);
            Assert.Empty(_run.Namespaces());
            Assert.DoesNotContain("trunk1", _run.Sandbox.Witness("ip", "-br", "link"));
            return;
        }

        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Equal("ipvlan", IpWitness.Link(_run.Sandbox, "a", "ipv0").GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.True(_run.Pings("a", "10.30.0.11"), "two ipvlans of one parent reach each other in l2 mode");
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
    }
}

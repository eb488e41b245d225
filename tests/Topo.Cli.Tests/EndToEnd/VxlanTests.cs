using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// Two namespaces that share no link reach each other through a VXLAN tunnel over an underlay of their own:
/// each device is made in its underlay node (where its UDP socket stays) and placed in its node.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class VxlanTests : IDisposable
{
    /// <summary>Two nodes joined by nothing but a tunnel over an underlay of two more (the second end on port 4790; the tests drop that).</summary>
    internal const string Text = """
        version: 1
        lab: vxl
        nodes: {u1: {}, u2: {}, va: {}, vb: {}}
        links:
          - endpoints: [u1:eth0, u2:eth0]
            addresses: {u1:eth0: 192.0.2.1/24, u2:eth0: 192.0.2.2/24}
          - {type: vxlan, endpoint: va:vx0, underlay: u1, vni: 42, remote: 192.0.2.2, local: 192.0.2.1, addresses: {va:vx0: 10.42.0.1/24}, mac: {va:vx0: 02:42:0a:2a:00:01}}
          - {type: vxlan, endpoint: vb:vx0, underlay: u2, vni: 42, remote: 192.0.2.1, port: 4790, addresses: {vb:vx0: 10.42.0.2/24}}
        checks:
          - {from: va, to: 10.42.0.2, expect: reach}
        """;

    private readonly LabRun _run = new();
    private readonly List<string> _files = [];

    public void Dispose()
    {
        _run.Dispose();
        foreach (var file in _files) File.Delete(file);
    }

    [KernelFact]
    public void Two_namespaces_talk_through_the_tunnel_and_a_second_look_finds_nothing_to_do()
    {
        var lab = Lab(Text.Replace("port: 4790, ", ""));
        var apply = _run.Topo("apply", lab, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);

        // ip as the witness of what the kernel holds: the tunnel's settings, and its socket in the underlay's namespace.
        var device = IpWitness.Link(_run.Sandbox, "va", "vx0");
        var data = device.GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal("vxlan", device.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal(42, data.GetProperty("id").GetInt32());
        Assert.Equal("192.0.2.2", data.GetProperty("remote").GetString());
        Assert.Equal("192.0.2.1", data.GetProperty("local").GetString());
        Assert.Equal(4789, data.GetProperty("port").GetInt32());
        Assert.Equal("topo:vxl", device.GetProperty("ifalias").GetString());
        Assert.Equal("02:42:0a:2a:00:01", device.GetProperty("address").GetString());
        Assert.True(device.TryGetProperty("link_netnsid", out _), "the device's socket should be in another namespace (its underlay)");

        Assert.True(_run.Pings("va", "10.42.0.2"));
        Assert.True(_run.Pings("vb", "10.42.0.1"));
        var check = _run.Topo("check", lab);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        var plan = _run.Topo("plan", lab, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);

        // Read back for people too: inspect names the kind, export writes the link again.
        var inspect = _run.Topo("inspect", lab);
        Assert.Matches(@"vx0\S* +vxlan +id 42 remote 192\.0\.2\.2 local 192\.0\.2\.1 dstport 4789 ", inspect.Out);
        var export = _run.Topo("export", "--lab", "vxl");
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains("  - type: vxlan\n    endpoint: va:vx0\n    vni: 42\n    remote: 192.0.2.2\n    local: 192.0.2.1\n    underlay: u1\n", export.Out);

        Assert.Equal(0, _run.Topo("down", lab, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void A_changed_port_makes_the_device_anew_and_a_changed_mtu_is_set_in_place()
    {
        Assert.Equal(0, _run.Topo("apply", Lab(Text.Replace("port: 4790, ", "")), "-q").ExitCode);
        var vaIndex = IpWitness.Link(_run.Sandbox, "va", "vx0").GetProperty("ifindex").GetInt32();

        var changed = Lab(Text.Replace("vni: 42, remote: 192.0.2.2,", "vni: 42, remote: 192.0.2.2, mtu: 1400,"));
        var plan = _run.Topo("plan", changed);
        Assert.Contains("-/+ vxlan vb:vx0", plan.Out);
        Assert.Contains("port: 4789 -> 4790   # forces replacement", plan.Out);
        Assert.Contains("~ vxlan va:vx0", plan.Out);
        Assert.Matches(@"mtu: \d+ -> 1400\n", plan.Out);

        var apply = _run.Topo("apply", changed, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Equal(4790, IpWitness.Link(_run.Sandbox, "vb", "vx0").GetProperty("linkinfo").GetProperty("info_data").GetProperty("port").GetInt32());
        var va = IpWitness.Link(_run.Sandbox, "va", "vx0");
        Assert.Equal(1400, va.GetProperty("mtu").GetInt32());
        Assert.Equal(vaIndex, va.GetProperty("ifindex").GetInt32());
        Assert.Equal(0, _run.Topo("plan", changed, "--detailed-exitcode").ExitCode);
    }

    [KernelFact]
    public void Ends_that_join_one_multicast_group_on_their_underlay_interface_talk_with_no_remote_written()
    {
        var lab = Lab("""
            version: 1
            lab: vxm
            nodes: {u1: {}, u2: {}, va: {}, vb: {}}
            links:
              - endpoints: [u1:eth0, u2:eth0]
                addresses: {u1:eth0: 192.0.2.1/24, u2:eth0: 192.0.2.2/24}
              - {type: vxlan, endpoint: va:vx0, underlay: u1, vni: 9, group: 239.1.1.9, dev: eth0, addresses: {va:vx0: 10.9.0.1/24}}
              - {type: vxlan, endpoint: vb:vx0, underlay: u2, vni: 9, group: 239.1.1.9, dev: eth0, addresses: {vb:vx0: 10.9.0.2/24}}
            """);
        var apply = _run.Topo("apply", lab, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);

        var data = IpWitness.Link(_run.Sandbox, "va", "vx0").GetProperty("linkinfo").GetProperty("info_data");
        Assert.Equal("239.1.1.9", data.GetProperty("group").GetString());
        Assert.True(data.TryGetProperty("link", out _), "the device should send by its underlay interface");
        Assert.True(_run.Pings("va", "10.9.0.2"));
        var plan = _run.Topo("plan", lab, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Contains("group: 239.1.1.9\n    dev: eth0\n", _run.Topo("export", "--lab", "vxm").Out);
    }

    [KernelFact]
    public void Explain_shows_the_ip_command_that_makes_the_tunnel()
    {
        var lab = Lab(Text.Replace("port: 4790, ", ""));
        var plan = _run.Topo("plan", lab, "--explain");
        Assert.Contains("ip -n u1 link add vx0 netns va address 02:42:0a:2a:00:01 type vxlan id 42 remote 192.0.2.2 local 192.0.2.1 dstport 4789", plan.Out);
        Assert.Contains("ip -n u2 link add vx0 netns vb type vxlan id 42 remote 192.0.2.1 dstport 4789", plan.Out);
    }

    private string Lab(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"topo-vxlan-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, text);
        _files.Add(file);
        return file;
    }
}

using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>The macvlan lesson end to end, drift on a macvlan, and a parent the lab only names.</summary>
[Collection(LabCollection.Name)]
public sealed class MacvlanTests : IDisposable
{
    private readonly LabRun _run = new();
    private readonly string _example = LabRun.Example("07-macvlan.yaml");
    private readonly List<string> _files = [];

    public void Dispose()
    {
        _run.Dispose();
        foreach (var file in _files) File.Delete(file);
    }

    [KernelFact]
    public void The_example_applies_its_checks_hold_and_a_second_look_finds_nothing_to_do()
    {
        Assert.Equal(0, _run.Topo("apply", _example, "-q").ExitCode);

        var check = _run.Topo("check", _example);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        Assert.Equal(0, _run.Topo("status", _example).ExitCode);
        Assert.Equal(0, _run.Topo("plan", _example, "--detailed-exitcode").ExitCode);
        var device = IpWitness.Link(_run.Sandbox, "box1", "mv0");
        Assert.Equal("macvlan", device.GetProperty("linkinfo").GetProperty("info_kind").GetString());
        Assert.Equal("bridge", device.GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal("02:42:c0:a8:32:0a", device.GetProperty("address").GetString());
        Assert.Equal("topo:macvlan", device.GetProperty("ifalias").GetString());
        // The teaching point, with ping as the witness: siblings reach each other, the parent reaches neither.
        Assert.True(_run.Pings("box2", "192.168.50.10"));
        Assert.False(_run.Pings(null, "192.168.50.10"));
    }

    [KernelFact]
    public void A_deleted_macvlan_is_drift_that_apply_repairs_and_down_leaves_nothing()
    {
        Assert.Equal(0, _run.Topo("apply", _example, "-q").ExitCode);
        KernelSandbox.Run("ip", "-n", "box2", "link", "del", "mv0");

        var status = _run.Topo("status", _example);
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("missing", status.Out);
        Assert.Contains("+ macvlan box2:mv0 on host:lan0 (mode bridge)", _run.Topo("plan", _example).Out);
        Assert.Equal(0, _run.Topo("apply", _example, "-q").ExitCode);
        Assert.Equal(0, _run.Topo("status", _example).ExitCode);
        Assert.Equal(0, _run.Topo("check", _example).ExitCode);

        Assert.Equal(0, _run.Topo("down", _example, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
        Assert.DoesNotContain("lan0", IpWitness.Links(_run.Sandbox).Keys);
    }

    [KernelFact]
    public void A_parent_the_lab_only_names_must_exist_before_apply_and_survives_down_untouched()
    {
        var lab = Lab("""
            version: 1
            lab: mvext
            nodes: {mva: {}, mvb: {}}
            links:
              - {type: macvlan, parent: host:uplink7, endpoint: mva:mv0, addresses: {mva:mv0: 10.77.0.1/24}}
              - {type: macvlan, parent: host:uplink7, endpoint: mvb:mv0, addresses: {mvb:mv0: 10.77.0.2/24}}
            checks:
              - {from: mva, to: mvb, expect: reach}
            """);

        var refused = _run.Topo("apply", lab);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("links[0]: parent 'host:uplink7' does not exist", refused.Error);
        Assert.Empty(_run.Namespaces());

        // The machine's uplink, made by hand: a veth whose other end, up too, gives it a carrier.
        _run.Sandbox.Witness("ip", "link", "add", "uplink7", "up", "type", "veth", "peer", "name", "uplink7p");
        _run.Sandbox.Witness("ip", "link", "set", "uplink7p", "up");
        Assert.Equal(0, _run.Topo("apply", lab, "-q").ExitCode);
        Assert.Equal(0, _run.Topo("check", lab).ExitCode);
        Assert.Equal(0, _run.Topo("status", lab).ExitCode);
        Assert.Contains("host:uplink7", _run.Topo("inspect", lab).Out);

        Assert.Equal(0, _run.Topo("down", lab, "-q").ExitCode);
        var uplink = IpWitness.Link(_run.Sandbox, null, "uplink7");
        Assert.False(uplink.TryGetProperty("ifalias", out _));
        Assert.Contains("UP", uplink.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(_run.Namespaces());
    }

    private string Lab(string text)
    {
        var file = Path.Combine(Path.GetTempPath(), $"topo-macvlan-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(file, text);
        _files.Add(file);
        return file;
    }

    /// <summary>The modes the kernel has besides bridge; private cuts siblings off from each other.</summary>
    private const string Modes = """
        version: 1
        lab: mvmodes
        nodes: {gw: {}, a: {}, b: {}}
        links:
          - endpoints: [host:lan1, gw:eth0]
            addresses: {host:lan1: 192.168.60.1/24, gw:eth0: 192.168.60.254/24}
          - {type: macvlan, parent: host:lan1, endpoint: a:mv0, mode: private, addresses: {a:mv0: 192.168.60.10/24}}
          - {type: macvlan, parent: host:lan1, endpoint: b:mv0, mode: private, addresses: {b:mv0: 192.168.60.11/24}}
        """;

    [KernelFact]
    public void A_private_macvlan_is_made_in_its_mode_and_a_mode_change_makes_it_anew()
    {
        var file = Path.Combine(_run.State, "modes.yaml");
        File.WriteAllText(file, Modes);

        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Equal("private", IpWitness.Link(_run.Sandbox, "a", "mv0").GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
        Assert.False(_run.Pings("a", "192.168.60.11"), "private macvlans of one parent do not reach each other");

        File.WriteAllText(file, Modes.Replace("endpoint: b:mv0, mode: private", "endpoint: b:mv0, mode: vepa", StringComparison.Ordinal));
        var plan = _run.Topo("plan", file);
        Assert.Contains("-/+", plan.Out);
        Assert.Contains("mode: private -> vepa", plan.Out);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Equal("vepa", IpWitness.Link(_run.Sandbox, "b", "mv0").GetProperty("linkinfo").GetProperty("info_data").GetProperty("mode").GetString());
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
    }
}

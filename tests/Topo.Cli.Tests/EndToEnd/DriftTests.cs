using System.Text.Json;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>Idempotence, and hand-made changes seen by status, shown exactly by plan and repaired by apply.</summary>
[Collection(LabCollection.Name)]
public sealed class DriftTests : IDisposable
{
    private readonly LabRun _run = new();
    private readonly string _bridgeLab = LabRun.Example("02-bridge.yaml");
    private readonly string _dockerish = LabRun.Example("dockerish.yaml");

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_second_apply_changes_nothing_and_says_so()
    {
        Assert.Equal(0, _run.Topo("apply", _bridgeLab, "-q").ExitCode);

        var again = _run.Topo("apply", _bridgeLab);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("No changes", again.Out);
        Assert.Equal(0, _run.Topo("plan", _bridgeLab, "--detailed-exitcode").ExitCode);
        Assert.Equal(0, _run.Topo("status", _bridgeLab).ExitCode);
    }

    [KernelFact]
    public void Plan_before_apply_lists_every_creation_and_exits_2_with_detailed_exitcode()
    {
        var plan = _run.Topo("plan", _bridgeLab, "--detailed-exitcode");

        Assert.Equal(2, plan.ExitCode);
        Assert.Contains("+ netns ns1", plan.Out);
        Assert.Contains("+ bridge br00", plan.Out);
        Assert.Contains("~ sysctl net.ipv4.ip_forward = 1 in host", plan.Out);
        Assert.Matches(@"Plan: \d+ to add, 1 to change, 0 to destroy\.", plan.Out);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void Plan_and_status_speak_json_for_machines()
    {
        using (var plan = JsonDocument.Parse(_run.Topo("plan", _bridgeLab, "--output", "json").Out))
        {
            Assert.Equal("bridge", plan.RootElement.GetProperty("lab").GetString());
            Assert.True(plan.RootElement.GetProperty("summary").GetProperty("add").GetInt32() >= 10);
            Assert.Contains(plan.RootElement.GetProperty("steps").EnumerateArray(), s => s.GetProperty("description").GetString() == "netns ns1");
        }

        Assert.Equal(0, _run.Topo("apply", _bridgeLab, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "addr", "add", "10.100.9.9/16", "dev", "br00");

        var status = _run.Topo("status", _bridgeLab, "-o", "json");
        Assert.Equal(2, status.ExitCode);
        using var doc = JsonDocument.Parse(status.Out);
        Assert.False(doc.RootElement.GetProperty("inSync").GetBoolean());
        var extra = Assert.Single(doc.RootElement.GetProperty("objects").EnumerateArray(), o => o.GetProperty("state").GetString() == "extra");
        Assert.Equal("address 10.100.9.9/16 on host:br00", extra.GetProperty("description").GetString());
    }

    [KernelTheory]
    [InlineData("a deleted veth", "ip netns exec ns1 ip link del eth0", "missing", "+ veth")]
    [InlineData("a flushed address", "ip netns exec ns2 ip addr flush dev eth0 scope global", "missing", "+ address 10.100.0.3/16 on ns2:eth0")]
    [InlineData("a deleted nft table", "nft delete table ip topo-bridge", "missing", "+ nftables table topo-bridge")]
    [InlineData("an extra address on an owned interface", "ip addr add 10.100.9.9/16 dev br00", "extra", "- address 10.100.9.9/16 on host:br00")]
    public void A_hand_made_change_is_drift_that_apply_repairs(string what, string change, string state, string repair)
    {
        Assert.Equal(0, _run.Topo("apply", _bridgeLab, "-q").ExitCode);
        _run.Sandbox.Witness(change.Split(' '));

        var status = _run.Topo("status", _bridgeLab);
        Assert.True(2 == status.ExitCode, $"{what}: status should report drift\n{status.Out}{status.Error}");
        Assert.Contains(state, status.Out);
        var plan = _run.Topo("plan", _bridgeLab);
        Assert.Contains(repair, plan.Out);
        Assert.Equal(0, _run.Topo("apply", _bridgeLab, "-q").ExitCode);
        Assert.Equal(0, _run.Topo("status", _bridgeLab).ExitCode);
    }

    [KernelFact]
    public void A_changed_mtu_is_shown_old_to_new_and_put_back()
    {
        Assert.Equal(0, _run.Topo("apply", _dockerish, "-q").ExitCode);
        _run.Sandbox.Witness("ip", "link", "set", "vr1", "mtu", "1500");

        var status = _run.Topo("status", _dockerish);
        Assert.Equal(2, status.ExitCode);
        Assert.Contains("mtu: 1500 -> 1400", status.Out);
        var plan = _run.Topo("plan", _dockerish);
        Assert.Contains("Plan: 0 to add, 1 to change, 0 to destroy.", plan.Out);
        Assert.Equal(0, _run.Topo("apply", _dockerish, "-q").ExitCode);
        Assert.Equal(1400, IpWitness.Link(_run.Sandbox, null, "vr1").GetProperty("mtu").GetInt32());
    }
}

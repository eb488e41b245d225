using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Topo.Linux.Execute;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// Link conditions end to end, with tc as the witness: a rate becomes tbf on each end's egress, read back so a second
/// plan is empty, changed in place on the same interface, gone when the file drops it, repaired when removed by hand,
/// and converged after a kill at any step. netem runs where the kernel has it and skips here with the kernel's words.
/// </summary>
[Collection(LabCollection.Name)]
public sealed partial class ConditionsTests : IDisposable
{
    private const int Killed = 137;

    private const string RateLab = """
        version: 1
        lab: cond
        nodes: {a: {}, b: {}}
        links:
          - endpoints: [a:eth0, b:eth0]
            addresses: {a:eth0: 10.77.0.1/24, b:eth0: 10.77.0.2/24}
            conditions: {rate: 10mbit}
        checks:
          - {from: a, to: 10.77.0.2, expect: reach}
        """;

    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_rate_is_tbf_on_each_end_changed_in_place_and_gone_with_the_file()
    {
        var file = Write("cond.yaml", RateLab);
        var apply = _run.Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Error);

        foreach (var node in new[] { "a", "b" })
        {
            var root = Root(node);
            Assert.Equal("tbf", root.GetProperty("kind").GetString());
            Assert.Equal(1_250_000, root.GetProperty("options").GetProperty("rate").GetInt64());
        }

        Assert.Contains("rate 10Mbit", KernelSandbox.Run("ip", "netns", "exec", "a", "tc", "qdisc", "show", "dev", "eth0"));
        Assert.True(_run.Pings("a", "10.77.0.2"), "traffic crosses the shaped link");
        var empty = _run.Topo("plan", file, "--detailed-exitcode");
        Assert.True(empty.ExitCode == 0, $"a second plan should be empty:\n{empty.Out}{empty.Error}");
        Assert.Contains("conditions on eth0: rate 10mbit", _run.Topo("inspect", file).Out);
        using (var inspect = System.Text.Json.JsonDocument.Parse(_run.Topo("inspect", file, "--output", "json").Out))
        {
            var eth0 = inspect.RootElement.GetProperty("namespaces").EnumerateArray().Single(n => n.GetProperty("name").GetString() == "a")
                .GetProperty("interfaces").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "eth0");
            Assert.Equal("rate 10mbit", eth0.GetProperty("conditions").GetString());
        }

        var index = Index("a");
        var handle = Root("a").GetProperty("handle").GetString();
        File.WriteAllText(file, RateLab.Replace("rate: 10mbit", "rate: 20mbit"));
        var plan = _run.Topo("plan", file, "--detailed-exitcode", "--explain");
        Assert.True(plan.ExitCode == 2, $"a changed rate is a change:\n{plan.Out}{plan.Error}");
        Assert.Contains("~ conditions on a:eth0: rate 20mbit", plan.Out);
        Assert.Contains("rate: 10mbit -> 20mbit", _run.Topo("plan", file).Out);
        Assert.Contains("ip netns exec a tc qdisc replace dev eth0 root tbf rate 20mbit burst 25000 latency 50ms", plan.Out);
        Assert.DoesNotContain("veth", plan.Out);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Equal(2_500_000, Root("a").GetProperty("options").GetProperty("rate").GetInt64());
        Assert.Equal(index, Index("a"));
        // The same kind on the same interface: the kernel changed the qdisc it had, under its handle.
        Assert.Equal(handle, Root("a").GetProperty("handle").GetString());
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);

        File.WriteAllText(file, RateLab.Replace("    conditions: {rate: 10mbit}\n", ""));
        var drop = _run.Topo("plan", file);
        Assert.Contains("- conditions on a:eth0: rate 20mbit", drop.Out);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.NotEqual("tbf", Root("a").GetProperty("kind").GetString());
        Assert.NotEqual("tbf", Root("b").GetProperty("kind").GetString());
        Assert.Equal(index, Index("a"));
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
    }

    [KernelFact]
    public void A_qdisc_removed_or_changed_by_hand_is_drift_that_apply_repairs()
    {
        var file = Write("cond.yaml", RateLab);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        KernelSandbox.Run("ip", "netns", "exec", "a", "tc", "qdisc", "del", "dev", "eth0", "root");
        var status = _run.Topo("status", file);
        Assert.True(status.ExitCode == 2, $"a removed qdisc is drift:\n{status.Out}{status.Error}");
        Assert.Contains("conditions on a:eth0", status.Out);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Equal("tbf", Root("a").GetProperty("kind").GetString());

        KernelSandbox.Run("ip", "netns", "exec", "b", "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf", "rate", "5mbit", "burst", "16384", "latency", "50ms");
        var plan = _run.Topo("plan", file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 2, plan.Out);
        Assert.Contains("rate: 5mbit -> 10mbit", plan.Out);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Equal(1_250_000, Root("b").GetProperty("options").GetProperty("rate").GetInt64());
        Assert.Equal(0, _run.Topo("status", file).ExitCode);
    }

    [KernelFact]
    public void Killed_after_any_step_of_a_lab_with_conditions_the_next_apply_converges()
    {
        var file = Write("cond.yaml", RateLab);
        var steps = StepCount().Match(_run.Topo("plan", file).Out) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        Assert.True(steps >= 6, $"the plan should make the qdiscs among other steps, it has {steps}");
        for (var k = 1; k < steps; k++)
        {
            var killed = _run.Process(new Dictionary<string, string> { [FaultInjection.Variable] = k.ToString(CultureInfo.InvariantCulture) }, "apply", file, "-q");
            Assert.True(Killed == killed.ExitCode, $"kill after step {k}: exit {killed.ExitCode}\n{killed.Error}");
            var apply = _run.Topo("apply", file, "-q");
            Assert.True(apply.ExitCode == 0, $"apply after a kill at step {k}: {apply.Error}");
            var plan = _run.Topo("plan", file, "--detailed-exitcode");
            Assert.True(plan.ExitCode == 0, $"plan after the repairing apply (kill at step {k}):\n{plan.Out}{plan.Error}");
            Assert.Equal("tbf", Root("b").GetProperty("kind").GetString());
            Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
            Assert.Empty(_run.Namespaces());
        }
    }

    // 50 ms of delay on each end's egress: a round trip takes at least 100 ms, and topo check's time column shows it.
    [KernelQdiscFact("netem")]
    public void A_check_over_a_link_with_delay_sees_the_round_trip()
    {
        var file = Write("delay.yaml", """
            version: 1
            lab: delay
            nodes: {a: {}, b: {}}
            links:
              - endpoints: [a:eth0, b:eth0]
                addresses: {a:eth0: 10.78.0.1/24, b:eth0: 10.78.0.2/24}
                conditions: {delay: 50ms, loss: 0.1%}
            checks:
              - {from: a, to: 10.78.0.2, expect: reach}
            """);
        var apply = _run.Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.Equal("netem", Root("a").GetProperty("kind").GetString());
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);

        var check = _run.Topo("check", file);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        var row = check.Out.Split('\n').Single(l => l.StartsWith("ok", StringComparison.Ordinal));
        var time = TimeColumn().Match(row);
        Assert.True(time.Success, row);
        var ms = double.Parse(time.Groups[1].Value, CultureInfo.InvariantCulture) * (time.Groups[2].Value == "s" ? 1000 : 1);
        Assert.True(ms >= 100, $"a round trip over 2 x 50 ms of delay took {ms} ms: {row}");
    }

    // The lesson needs netem: where the kernel has it the lesson's checks hold; where not, apply names the kernel's
    // refusal and undoes the run. Each run asserts the one that holds on its kernel.
    [KernelFact]
    public void The_conditions_lesson_works_where_the_kernel_has_netem_and_names_the_kernels_refusal_where_not()
    {
        var file = LabRun.Example("09-conditions.yaml");
        var apply = _run.Topo("apply", file, "-q");

        if (QdiscKindProbe.Missing("netem") is not null)
        {
            Assert.NotEqual(0, apply.ExitCode);
            Assert.Contains("Specified qdisc kind is unknown", apply.Error + apply.Out);
            Assert.Empty(_run.Namespaces());
            return;
        }

        Assert.True(apply.ExitCode == 0, apply.Error);
        var check = _run.Topo("check", file);
        Assert.True(check.ExitCode == 0, check.Out + check.Error);
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
    }

    private string Write(string name, string text)
    {
        var file = Path.Combine(_run.State, name);
        File.WriteAllText(file, text);
        return file;
    }

    // The root qdisc of a node's eth0, as tc -j shows it.
    private static JsonElement Root(string node) =>
        JsonDocument.Parse(KernelSandbox.Run("ip", "netns", "exec", node, "tc", "-j", "qdisc", "show", "dev", "eth0", "root")).RootElement.EnumerateArray().Single();

    private static int Index(string node) =>
        JsonDocument.Parse(KernelSandbox.Run("ip", "-n", node, "-j", "link", "show", "eth0")).RootElement[0].GetProperty("ifindex").GetInt32();

    [GeneratedRegex(@"Plan: (\d+) to add")]
    private static partial Regex StepCount();

    [GeneratedRegex(@"([0-9.]+)(ms|s)\s*$")]
    private static partial Regex TimeColumn();
}

using System.Text;
using System.Text.Json;
using Topo.Core;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// <c>--explain</c> is only worth showing if it is true: the commands it prints, typed into a fresh
/// kernel, build what <c>apply</c> builds, marks, sysctls and nftables rules included.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class ExplainTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelTheory]
    [InlineData("01-veth-pair.yaml")]
    [InlineData("02-bridge.yaml")]
    [InlineData("03-host-veth.yaml")]
    [InlineData("06-host-network.yaml")]
    [InlineData("dockerish.yaml")]
    [InlineData("07-macvlan.yaml")]
    [InlineData("11-dual-stack.yaml")]
    public void The_explained_commands_build_what_apply_builds(string example)
    {
        var file = LabRun.Example(example);
        var namespaces = LabLoader.Load(file).Lab!.Desired.Resources.OfType<NamespaceResource>().Select(n => n.Name).ToList();
        var explained = _run.Topo("plan", "--explain", file);
        Assert.Equal(0, explained.ExitCode);

        var script = Path.Combine(_run.State, "by-hand.sh");
        File.WriteAllText(script, string.Join("\n", Commands(explained.Out)) + "\n");
        _run.Sandbox.Witness("sh", "-e", script);
        var byHand = Snapshot(namespaces);

        // No step left: topo finds its marks, sysctls and nftables table exactly as it would have made them.
        var after = _run.Topo("plan", "--detailed-exitcode", file);
        Assert.True(after.ExitCode == 0, after.Out + after.Error);
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());

        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        var byTopo = Snapshot(namespaces);

        Assert.Equal(byTopo, byHand);
        Assert.Contains(" veth up mtu 1500 alias topo:", byHand);
    }

    [KernelFact]
    public void The_explained_repair_of_drift_made_by_hand_leaves_nothing_to_repair()
    {
        var file = LabRun.Example("dockerish.yaml");
        var webPort = LabLoader.Load(file).Lab!.Desired.Resources.OfType<VethResource>().Single(v => v.B.Namespace == "web").A.Name;
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        string[][] drift =
        [
            ["ip", "-n", "box1", "link", "del", "eth0"],
            ["ip", "link", "set", "vr1", "mtu", "1500"],
            ["ip", "link", "set", webPort, "type", "bridge_slave", "hairpin", "off"],
            ["ip", "-n", "box2", "addr", "add", "172.17.0.99/16", "dev", "eth0"],
            ["ip", "-n", "box2", "route", "replace", "default", "via", "172.17.0.5"],
            ["ip", "-n", "router", "route", "del", "10.9.0.0/16"],
            ["ip", "netns", "exec", "router", "sysctl", "-qw", "net.ipv4.ip_forward=0"],
            ["nft", "add", "rule", "ip", "topo-dockerish", "forward", "counter"],
        ];
        foreach (var command in drift) _run.Sandbox.Witness(command);

        var explained = _run.Topo("plan", "--explain", file);
        var script = Path.Combine(_run.State, "repair.sh");
        File.WriteAllText(script, string.Join("\n", Commands(explained.Out)) + "\n");
        _run.Sandbox.Witness("sh", "-e", script);
        var after = _run.Topo("plan", "--detailed-exitcode", file);

        Assert.Contains("\n      $ ip link set vr1 mtu 1400\n", explained.Out);
        Assert.Contains($"\n      $ ip link set {webPort} type bridge_slave hairpin on\n", explained.Out);
        Assert.Contains("\n      $ ip -n box2 addr del 172.17.0.99/16 dev eth0\n", explained.Out);
        Assert.Contains("\n      $ ip -n box2 route replace default via 172.17.0.1 proto 116\n", explained.Out);
        Assert.Contains("\n      $ ip netns exec router sysctl -w net.ipv4.ip_forward=1\n", explained.Out);
        Assert.Contains("\n      > flush table ip topo-dockerish\n", explained.Out);
        Assert.True(after.ExitCode == 0, explained.Out + after.Out + after.Error);
    }

    [KernelFact]
    public void Apply_explain_prints_the_commands_under_each_step_it_carried_out()
    {
        var run = _run.Topo("apply", "--explain", LabRun.Example("01-veth-pair.yaml"));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("+ netns ns1 (", run.Out);
        Assert.Contains("\n      $ ip netns add ns1\n", run.Out);
        Assert.Contains("\n      $ ip -n ns1 link add eth0 type veth peer name eth0 netns ns2\n", run.Out);
        Assert.Contains("\n      $ ip -n ns2 addr add 10.100.0.2/16 dev eth0\n", run.Out);
    }

    [Fact]
    public void Explain_is_text_and_refuses_json_before_touching_anything()
    {
        var run = CliRun.Of("plan", "--explain", "--output", "json", LabRun.Example("01-veth-pair.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("topo: --explain writes commands as text; it does not go with --output json\n", run.Error);
    }

    [KernelTheory]
    [InlineData("02-bridge.yaml")]
    [InlineData("dockerish.yaml")]
    [InlineData("07-macvlan.yaml")]
    [InlineData("06-host-network.yaml")]
    [InlineData("11-dual-stack.yaml")]
    public void The_explain_script_builds_the_whole_lab_from_nothing(string example)
    {
        var file = LabRun.Example(example);
        var explained = _run.Topo("explain", file);
        Assert.Equal(0, explained.ExitCode);
        Assert.StartsWith("#!/bin/sh\n", explained.Out);

        var script = Path.Combine(_run.State, "explain.sh");
        File.WriteAllText(script, explained.Out);
        _run.Sandbox.Witness("sh", script);
        var after = _run.Topo("plan", "--detailed-exitcode", file);
        Assert.True(after.ExitCode == 0, after.Out + after.Error);
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void Explain_prints_the_whole_lab_even_when_it_is_applied()
    {
        var file = LabRun.Example("dockerish.yaml");
        var before = _run.Topo("explain", file);
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var after = _run.Topo("explain", file);

        Assert.Equal(0, after.ExitCode);
        Assert.Equal(before.Out, after.Out);
        Assert.Contains("\nip netns add box1\n", after.Out);
        Assert.Contains("\nnft -f - <<'EOF'\n", after.Out);
        Assert.Equal("No changes. The kernel matches the lab.\n", _run.Topo("plan", "--explain", file).Out);
    }

    [Fact]
    public void Explain_of_a_lab_over_machines_takes_one_share()
    {
        var file = LabRun.Example("08-overlay.yaml");

        var whole = CliRun.Of("explain", file);
        var share = CliRun.Of("explain", file, "--host", "h1");

        Assert.Equal(1, whole.ExitCode);
        Assert.Contains("spans hosts h1, h2: name the one this machine is with --host NAME", whole.Error);
        Assert.Equal(0, share.ExitCode);
        Assert.Contains(", the share of host h1, built by hand", share.Out);
        Assert.Contains(" type vxlan id ", share.Out);
        Assert.Contains("bridge fdb append 00:00:00:00:00:00 dev ", share.Out);
    }

    /// <summary>The commands of a <c>--explain</c> transcript, a command that goes on over several lines as one.</summary>
    internal static List<string> Commands(string transcript)
    {
        var commands = new List<string>();
        foreach (var line in transcript.Split('\n').Select(l => l.TrimStart()))
        {
            if (line.StartsWith("$ ", StringComparison.Ordinal)) commands.Add(line[2..]);
            else if (line.StartsWith("> ", StringComparison.Ordinal)) commands[^1] += "\n" + line[2..];
        }

        Assert.NotEmpty(commands);
        return commands;
    }

    private string Snapshot(IEnumerable<string> namespaces) => KernelSnapshot.Of(_run.Sandbox, namespaces, withMarks: true);
}

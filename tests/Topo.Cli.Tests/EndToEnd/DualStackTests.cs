using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A dual-stack bridge in the kernel: both families addressed, routed and usable as soon as apply returns; and the
/// dual-stack lesson applied, in sync, exported and taken down to nothing.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class DualStackTests : IDisposable
{
    private const string Lab = """
        version: 1
        lab: dual
        bridges:
          br0:
            subnet: [172.20.0.0/16, "fd00:20::/64"]
        nodes:
          box1: {}
          box2: {}
        links:
          - [box1:eth0, br0]
          - [box2:eth0, br0]
        """;

    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void IPv6_addresses_are_usable_when_apply_returns_and_both_defaults_converge()
    {
        var file = Path.Combine(_run.State, "dual.yaml");
        File.WriteAllText(file, Lab);

        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        // Read at once: without NODAD the addresses would still be tentative (DAD takes a second or more).
        // The kernel's own link-local addresses are not topo's and may well be.
        Assert.Equal("inet6 fd00:20::2/64 scope global nodad", LineOf("fd00:20::2/64", KernelSandbox.Run("ip", "-n", "box1", "-6", "addr", "show", "eth0")));
        Assert.Equal("inet6 fd00:20::1/64 scope global nodad", LineOf("fd00:20::1/64", _run.Sandbox.Witness("ip", "-6", "addr", "show", "br0")));
        Assert.Contains("default via 172.20.0.1 dev eth0", KernelSandbox.Run("ip", "-n", "box1", "-4", "route"));
        Assert.Contains("default via fd00:20::1 dev eth0", KernelSandbox.Run("ip", "-n", "box1", "-6", "route"));
        Assert.True(_run.Pings("box1", "fd00:20::3"));
        Assert.True(_run.Pings("box1", "172.20.0.3"));
        Assert.Contains("No changes", _run.Topo("plan", file).Out);
    }

    [KernelFact]
    public void The_dual_stack_lesson_is_in_sync_after_apply_exports_its_ranges_and_leaves_nothing_when_down()
    {
        var file = LabRun.Example("11-dual-stack.yaml");

        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);

        var plan = _run.Topo("plan", "--detailed-exitcode", file);
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        var ip6 = _run.Sandbox.Witness("nft", "list", "table", "ip6", "topo-dualstack");
        Assert.Contains("ip6 saddr fd00:20::/64 ip6 daddr != fd00:20::/64 masquerade comment \"masquerade front\"", ip6);
        Assert.Contains("tcp dport 8080 dnat to [fd00:20::3]:80", ip6);
        Assert.Contains("iifname \"back\" oifname \"front\" drop comment \"isolated back\"", ip6);
        Assert.Contains("inet6 fd00:21::1001/64", KernelSandbox.Run("ip", "-n", "db", "-6", "addr", "show", "eth0"));

        // What the kernel holds says the lesson back, ranges and all.
        var export = _run.Topo("export", "--lab", "dualstack");
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Equal("", export.Error);
        Assert.Contains("ip_range: [172.21.240.0/20, \"fd00:21::1000/116\"]", export.Out);
        var exported = Path.Combine(_run.State, "exported.yaml");
        File.WriteAllText(exported, export.Out);
        Assert.True(_run.Topo("status", exported).ExitCode == 0, export.Out);

        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);
        Assert.Empty(_run.Namespaces());
        Assert.Equal("lo", Assert.Single(_run.Sandbox.Witness("ip", "-br", "link").Split('\n', StringSplitOptions.RemoveEmptyEntries)).Split(' ')[0]);
        Assert.Equal("", _run.Sandbox.Witness("nft", "list", "ruleset").Trim());
    }

    [KernelFact]
    public void Removing_the_ipv6_subnet_takes_the_ipv6_defaults_in_one_apply()
    {
        var file = Path.Combine(_run.State, "v6rm.yaml");
        File.WriteAllText(file, TwoNodes("[172.30.0.0/24, \"fd00:30::/64\"]"));
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        Assert.Contains("default via fd00:30::1 dev eth0", KernelSandbox.Run("ip", "-n", "n1", "-6", "route"));
        File.WriteAllText(file, TwoNodes("172.30.0.0/24"));

        // The kernel keeps an IPv6 route when its gateway's subnet leaves the interface: only a deletion removes it.
        Assert.Contains("- route ::/0 via fd00:30::1 dev eth0 in n1", _run.Topo("plan", file).Out);
        var apply = _run.Topo("apply", file);

        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        var routes = KernelSandbox.Run("ip", "-n", "n1", "-6", "route");
        Assert.DoesNotContain("default", routes);
        Assert.DoesNotContain("fd00:30::", KernelSandbox.Run("ip", "-n", "n1", "-6", "addr", "show", "eth0"));
        Assert.Contains("default via 172.30.0.1 dev eth0", KernelSandbox.Run("ip", "-n", "n1", "-4", "route"));
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
    }

    [KernelFact]
    public void Adding_an_ipv6_subnet_converges_in_one_apply_and_keeps_the_ipv4_addresses()
    {
        var file = Path.Combine(_run.State, "v6add.yaml");
        File.WriteAllText(file, TwoNodes("172.30.0.0/24"));
        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        var before = KernelSandbox.Run("ip", "-n", "n2", "-4", "-br", "addr", "show", "eth0");
        File.WriteAllText(file, TwoNodes("[172.30.0.0/24, \"fd00:30::/64\"]"));

        var apply = _run.Topo("apply", file);

        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        Assert.Contains("0 destroyed", apply.Out);
        Assert.Contains("172.30.0.3/24", before);
        Assert.Equal(before, KernelSandbox.Run("ip", "-n", "n2", "-4", "-br", "addr", "show", "eth0"));
        Assert.Contains("default via fd00:30::1 dev eth0", KernelSandbox.Run("ip", "-n", "n2", "-6", "route"));
        Assert.True(_run.Pings("n2", "fd00:30::2"));
        Assert.Equal(0, _run.Topo("plan", file, "--detailed-exitcode").ExitCode);
    }

    private static string TwoNodes(string subnet) => $$"""
        version: 1
        lab: v6rm
        bridges:
          br0:
            subnet: {{subnet}}
        nodes:
          n1: {}
          n2: {}
        links:
          - [n1:eth0, br0]
          - [n2:eth0, br0]
        """;

    private static string LineOf(string address, string listing) =>
        listing.Split('\n').Single(l => l.Contains(address, StringComparison.Ordinal)).Trim();
}

using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>A dual-stack bridge in the kernel: both families addressed, routed and usable as soon as apply returns.</summary>
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

    private static string LineOf(string address, string listing) =>
        listing.Split('\n').Single(l => l.Contains(address, StringComparison.Ordinal)).Trim();
}

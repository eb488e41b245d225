using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>One apply converges: whatever the kernel does on its own along the way, the plan after it is empty.</summary>
[Collection(LabCollection.Name)]
public sealed class ConvergenceTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void IPv4_and_IPv6_default_routes_side_by_side_converge_in_one_apply()
    {
        var file = Write("defaults.yaml", """
            version: 1
            lab: defaults
            nodes:
              a:
                routes:
                  - {to: default, via: 10.1.0.2}
                  - {to: default, via: "fd00:1::2"}
              b:
                routes:
                  - {to: "::/0", via: "fd00:1::1"}
            links:
              - endpoints: [a:eth0, b:eth0]
                addresses:
                  a:eth0: [10.1.0.1/24, "fd00:1::1/64"]
                  b:eth0: [10.1.0.2/24, "fd00:1::2/64"]
            """);

        var apply = _run.Topo("apply", file, "-q");

        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        var plan = _run.Topo("plan", file, "--detailed-exitcode");
        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        Assert.Contains("default via 10.1.0.2 dev eth0", KernelSandbox.Run("ip", "-n", "a", "-4", "route"));
        Assert.Contains("default via fd00:1::2 dev eth0", KernelSandbox.Run("ip", "-n", "a", "-6", "route"));
        Assert.Contains("default via fd00:1::1 dev eth0", KernelSandbox.Run("ip", "-n", "b", "-6", "route"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_run.State, name);
        File.WriteAllText(path, text);
        return path;
    }
}

using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>plan and apply look the file's sysctl keys up under /proc/sys before anything changes.</summary>
[Collection(LabCollection.Name)]
public sealed class SysctlKeyCheckTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Apply_refuses_a_key_that_does_not_exist_at_its_line_and_changes_nothing()
    {
        var folder = Directory.CreateTempSubdirectory("topo-typo-").FullName;
        var file = Path.Combine(folder, "typo.yaml");
        File.WriteAllText(file, """
            version: 1
            lab: typo
            nodes:
              r:
                sysctls:
                  net.ipv4.ip_forward: 1
                  net.ipv4.conf.eth0.forwrding: 1
              b: {}
            links:
              - [r:eth0, b:eth0]
            """);

        foreach (var command in new[] { "plan", "apply" })
        {
            var run = _run.Topo(command, file);

            Assert.Equal(1, run.ExitCode);
            Assert.Equal(
                $"{file}:7:7: nodes.r.sysctls.net.ipv4.conf.eth0.forwrding: sysctl 'net.ipv4.conf.eth0.forwrding' does not exist in a new namespace (as node 'r' gets) (no /proc/sys/net/ipv4/conf/default/forwrding, looked up as net.ipv4.conf.default.forwrding since the lab makes 'eth0'); check the spelling, or load the kernel module that adds it\n",
                run.Error);
            Assert.Empty(_run.Namespaces());
        }

        Assert.Equal(0, _run.Topo("validate", file).ExitCode);
        Directory.Delete(folder, recursive: true);
    }
}

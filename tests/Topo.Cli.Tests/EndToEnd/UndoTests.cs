using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>A run that goes wrong, by a refused step or by a result that does not verify, is undone and says which step it was.</summary>
[Collection(LabCollection.Name)]
public sealed class UndoTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void The_rollback_line_names_the_step_that_failed_not_the_last_that_worked()
    {
        // ip_default_ttl takes 1 to 255: the kernel refuses the write, after the namespaces, pair and addresses are made.
        var file = Write("fails", "net.ipv4.ip_default_ttl: 300");

        var apply = _run.Topo("apply", file, "-q");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("topo: + sysctl net.ipv4.ip_default_ttl = 300 in ns1 failed; undoing this run", apply.Error);
        Assert.Contains("put back as it was before this run", apply.Error);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void An_apply_whose_result_does_not_verify_is_undone()
    {
        // The kernel parses integers with C's base prefixes and writes them back in decimal: 077 reads
        // back as 63, so the re-read after the run differs from the file.
        var file = Write("differs", "net.ipv4.ip_default_ttl: 077");

        var apply = _run.Topo("apply", file, "-q");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("after apply the kernel still differs from the lab", apply.Error);
        Assert.Contains("ip_default_ttl", apply.Error);
        Assert.Contains("put back as it was before this run", apply.Error);
        Assert.Empty(_run.Namespaces());
        Assert.Equal(["lo"], IpWitness.Links(_run.Sandbox).Keys.ToArray());
    }

    private string Write(string lab, string sysctl)
    {
        var file = Path.Combine(_run.State, lab + ".yaml");
        File.WriteAllText(file, $$"""
            version: 1
            lab: {{lab}}
            nodes:
              ns1:
                sysctls: { {{sysctl}} }
              ns2: {}
            links:
              - endpoints: [ns1:eth0, ns2:eth0]
                addresses: {ns1:eth0: 10.1.0.1/24, ns2:eth0: 10.1.0.2/24}
            """);
        return file;
    }
}

namespace Topo.Cli.Tests.EndToEnd;

/// <summary><c>-v</c> logs what topo does to standard error; without it, a good run prints nothing there.</summary>
[Collection(LabCollection.Name)]
public sealed class VerboseTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [Topo.Testing.Kernel.KernelFact]
    public void Verbose_logs_the_read_the_plan_each_step_and_the_check()
    {
        var file = LabRun.Example("01-veth-pair.yaml");

        var quiet = _run.Topo("plan", file);
        var loud = _run.Topo("apply", file, "-q", "-v");

        Assert.Equal("", quiet.Error);
        Assert.Equal(0, loud.ExitCode);
        Assert.Contains("topo: debug: read the kernel: ", loud.Error);
        Assert.Contains("topo: debug: planned ", loud.Error);
        Assert.Contains("topo: debug: step 1/", loud.Error);
        Assert.Contains("topo: debug: verified: the kernel matches the lab", loud.Error);
    }
}

using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>A machine without libnftables runs every lab that has no NAT, published ports or isolation.</summary>
[Collection(LabCollection.Name)]
public sealed class NoLibnftablesTests : IDisposable
{
    private readonly LabRun _run = new();

    public NoLibnftablesTests() => _run.Options = _run.Options with { NftLibrary = "libnftables-missing.so.1" };

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_lab_without_rules_is_planned_applied_and_taken_down()
    {
        var file = LabRun.Example("03-host-veth.yaml");

        var plan = _run.Topo("plan", file);
        Assert.True(plan.ExitCode == 0, plan.Error);
        var apply = _run.Topo("apply", file, "-q");
        Assert.True(apply.ExitCode == 0, apply.Error);
        Assert.NotEmpty(_run.Namespaces());
        var down = _run.Topo("down", file, "-q");
        Assert.True(down.ExitCode == 0, down.Error);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void A_lab_with_rules_names_the_package_it_needs()
    {
        var apply = _run.Topo("apply", LabRun.Example("dockerish.yaml"), "-q");

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains("libnftables1", apply.Error);
    }
}

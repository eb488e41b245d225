using Topo.Core.Planning;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;
using static Topo.Linux.Tests.Execute.SessionSandbox;
using Topo.Linux.Execute;

namespace Topo.Linux.Tests.Execute;

/// <summary>A plan handed to the session whole: runs of steps go to the kernel together, but are reported one by one.</summary>
public sealed class BatchedPlanTests
{
    [KernelFact]
    public void A_whole_plan_builds_the_lab_and_reports_every_step_in_plan_order()
    {
        using var s = new SessionSandbox();
        var lab = new DockerLikeLab(s.Lab, s.Kernel.Name("n1"), s.Kernel.Name("n2"));
        var plan = s.PlanNow(lab.Desired);
        var reported = new List<int>();

        s.Session.Execute(plan.Steps, reported.Add);

        Assert.Equal(Enumerable.Range(0, plan.Steps.Length), reported);
        Assert.Empty(s.PlanNow(lab.Desired).Steps);
    }

    [KernelFact]
    public void A_step_the_kernel_refuses_inside_a_batch_is_reported_as_itself_after_every_step_before_it()
    {
        using var s = new SessionSandbox();
        var (a, b) = (s.Kernel.Name("a"), s.Kernel.Name("b"));
        Change[] steps =
        [
            Create(new NamespaceResource(a)),
            Create(new NamespaceResource(b)),
            Create(VethResource.Of(new LinkEnd(a, "eth0"), new LinkEnd(a, "eth1"))),
            Create(VethResource.Of(new LinkEnd(b, "eth0"), new LinkEnd(b, "eth1"))),
            Create(new AddressResource(a, "eth0", "10.9.0.2/24")),
            Create(new AddressResource(b, "eth0", "10.8.0.2/24")),
            Create(new AddressResource(a, "eth0", "10.9.0.2/24")),
            Create(new AddressResource(b, "eth0", "10.8.0.3/24")),
        ];
        var reported = new List<int>();

        var failure = Assert.Throws<StepFailedException>(() => s.Session.Execute(steps, reported.Add));

        Assert.Equal(6, failure.Index);
        Assert.Equal([0, 1, 2, 3, 4, 5], reported);
        Assert.Equal(Errors.EEXIST, failure.Error.Errno);
        Assert.StartsWith($"creating address 10.9.0.2/24 on {a}:eth0: adding address 10.9.0.2/24 to 'eth0'", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["10.8.0.2/24"], IpWitness.Addresses(s.Kernel, b, "eth0").Take(1));
    }

    [KernelFact]
    public void A_step_naming_an_interface_that_is_not_there_is_reported_as_itself_and_the_steps_before_it_are_done()
    {
        using var s = new SessionSandbox();
        var a = s.Kernel.Name("a");
        Change[] steps =
        [
            Create(new NamespaceResource(a)),
            Create(VethResource.Of(new LinkEnd(a, "eth0"), new LinkEnd(a, "eth1"))),
            Create(new AddressResource(a, "eth0", "10.9.0.2/24")),
            Create(new AddressResource(a, "nope", "10.7.0.2/24")),
            Create(new AddressResource(a, "eth1", "10.8.0.2/24")),
        ];
        var reported = new List<int>();

        var failure = Assert.Throws<StepFailedException>(() => s.Session.Execute(steps, reported.Add));

        Assert.Equal(3, failure.Index);
        Assert.Equal([0, 1, 2], reported);
        Assert.Contains("nope", failure.Error.Message, StringComparison.Ordinal);
        Assert.Equal(["10.9.0.2/24"], IpWitness.Addresses(s.Kernel, a, "eth0"));
    }

    [KernelFact]
    public void A_veth_into_a_missing_bridge_fails_as_itself_and_its_pair_is_not_made_though_the_pairs_before_it_are()
    {
        using var s = new SessionSandbox();
        var a = s.Kernel.Name("a");
        Change[] steps =
        [
            Create(new NamespaceResource(a)),
            Create(new BridgeResource(new LinkEnd(Netns.Host, "br0"))),
            Create(VethResource.Of(new LinkEnd(a, "eth0"), new LinkEnd(Netns.Host, "va0", Master: "br0"))),
            Create(VethResource.Of(new LinkEnd(a, "eth1"), new LinkEnd(Netns.Host, "vb0", Master: "nobr"))),
            Create(VethResource.Of(new LinkEnd(a, "eth2"), new LinkEnd(Netns.Host, "vc0", Master: "br0"))),
        ];
        var reported = new List<int>();

        var failure = Assert.Throws<StepFailedException>(() => s.Session.Execute(steps, reported.Add));

        Assert.Equal(3, failure.Index);
        Assert.Equal([0, 1, 2], reported);
        Assert.Contains("enslaving 'vb0' to 'nobr'", failure.Error.Message, StringComparison.Ordinal);
        var host = IpWitness.Links(s.Kernel).Keys;
        Assert.Contains("va0", host);
        Assert.DoesNotContain("vb0", host);
        Assert.Contains("eth0", IpWitness.Links(s.Kernel, a).Keys);
    }
}

using Topo.Core;
using Topo.Core.Explain;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Linux.Kinds;
using Topo.Linux.Rtnl;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Rtnl;

/// <summary>
/// A link's conditions, from the file to the wire, are the request tc sends for the command <c>topo explain</c> writes
/// for them, as strace sees it leave tc. tc sends its request before the kernel says whether it has the qdisc, and so
/// does topo: the netem request is witnessed on a kernel without netem all the same.
/// </summary>
public sealed class QdiscWireTests
{
    [KernelFact]
    public void Netem_with_every_condition_is_the_request_tc_sends()
    {
        using var sandbox = WithVeth();
        var qdisc = QdiscOf("{delay: 10ms, jitter: 2ms, loss: 1%, duplicate: 0.5%, corrupt: 0.1%, rate: 1mbit}");

        var command = ExplainedCommand(qdisc);
        Assert.Equal("tc qdisc add dev v0 root netem delay 10ms 2ms loss 1% duplicate 0.5% corrupt 0.1% rate 1mbit", command);
        var topo = TopoRequests.Capture(sandbox.Host, b => b.AddQdisc(QdiscDriver.Spec(qdisc)));
        var tc = StraceWitness.Run(sandbox, command.Split(' '));

        WireAssert.SameRequest(QdiscRequestSchema.NewQdiscOf("netem"), topo.Messages, tc);
    }

    [KernelFact]
    public void Tbf_for_a_rate_alone_is_the_request_tc_sends()
    {
        using var sandbox = WithVeth();
        var qdisc = QdiscOf("{rate: 10mbit}");

        var command = ExplainedCommand(qdisc);
        Assert.Equal("tc qdisc add dev v0 root tbf rate 10mbit burst 16384 latency 50ms", command);
        // tc first: on this kernel topo's own would then make the qdisc, and tc's add be refused (it is sent all the same).
        var tc = StraceWitness.Run(sandbox, command.Split(' '));
        var topo = TopoRequests.Capture(sandbox.Host, b => b.ReplaceQdisc(QdiscDriver.Spec(qdisc)));
        var added = TopoRequests.Capture(sandbox.Host, b => b.AddQdisc(QdiscDriver.Spec(qdisc)));

        WireAssert.SameRequest(QdiscRequestSchema.NewQdiscOf("tbf"), added.Messages, tc);
        Assert.NotNull(added.Refusal);
        Assert.Null(topo.Refusal);
    }

    [KernelFact]
    public void A_fast_rate_carries_its_64_bit_value_as_tc_sends_it()
    {
        using var sandbox = WithVeth();
        var qdisc = QdiscOf("{rate: 40gbit}");

        var command = ExplainedCommand(qdisc);
        var topo = TopoRequests.Capture(sandbox.Host, b => b.AddQdisc(QdiscDriver.Spec(qdisc)));
        var tc = StraceWitness.Run(sandbox, command.Split(' '));

        WireAssert.SameRequest(QdiscRequestSchema.NewQdiscOf("tbf"), topo.Messages, tc);
    }

    [KernelFact]
    public void Deleting_the_conditions_is_the_request_tc_sends()
    {
        using var sandbox = WithVeth();
        sandbox.Witness("tc", "qdisc", "add", "dev", "v0", "root", "tbf", "rate", "1mbit", "burst", "16384", "latency", "50ms");
        var qdisc = QdiscOf("{rate: 1mbit}");

        var command = StepCommands.Of(new Change(ChangeAction.Delete, qdisc, null, []), "w").Single();
        var tc = StraceWitness.Run(sandbox, command.Split(' '));
        var topo = TopoRequests.Capture(sandbox.Host, b => b.DeleteQdisc("v0"));

        Assert.Equal("tc qdisc del dev v0 root", command);
        WireAssert.SameRequest(QdiscRequestSchema.DelQdisc, topo.Messages, tc);
    }

    [KernelFact]
    public void The_scheduler_clock_is_the_one_topo_computes_with()
    {
        // tc reads /proc/net/psched for its tick; topo uses the kernel's rule (64 ns ticks), which this must advertise.
        var words = File.ReadAllText("/proc/net/psched").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => Convert.ToUInt32(w, 16)).ToArray();
        var clockFactor = words[2] / 1e6;
        var ticksToUs = words[2] == 1_000_000_000 ? words[1] : words[0];

        Assert.Equal(TcTime.TicksPerMicrosecond, (double)ticksToUs / words[1] * clockFactor);
    }

    // The qdisc a lab file gives host:v0, as validation builds it.
    private static QdiscResource QdiscOf(string conditions)
    {
        var lab = LabLoader.LoadText("w.yaml", $"""
            version: 1
            lab: w
            nodes: {"{n1: {}}"}
            links:
              - endpoints: [host:v0, n1:eth0]
                conditions: {"{host:v0: " + conditions + "}"}
            """);
        Assert.True(lab.Ok, string.Join("\n", lab.Lines));
        return lab.Lab!.Desired.Resources.OfType<QdiscResource>().Single();
    }

    private static string ExplainedCommand(QdiscResource qdisc) =>
        StepCommands.Of(new Change(ChangeAction.Create, null, qdisc, []), "w").Single();

    // A sandbox whose host has a veth v0 (peer v1) to hang a qdisc on.
    private static KernelSandbox WithVeth()
    {
        var sandbox = new KernelSandbox();
        sandbox.Witness("ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1");
        return sandbox;
    }
}

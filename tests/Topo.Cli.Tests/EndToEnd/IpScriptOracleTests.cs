using System.Text;
using System.Text.Json;
using Topo.Core;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// iproute2 as the oracle: the bridge lab built by topo and the same lab built the tutorial way,
/// one <c>ip</c> command at a time, leave the kernel with the same links, masters, addresses and routes.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class IpScriptOracleTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void Topo_builds_what_the_equivalent_ip_script_builds()
    {
        var file = LabRun.Example("02-bridge.yaml");
        var bridgePorts = LabLoader.Load(file).Lab!.Desired.Resources.OfType<VethResource>()
            .ToDictionary(v => (v.A.Master is null ? v.A : v.B).Namespace.Id, v => (v.A.Master is null ? v.B : v.A).Name);

        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        var byTopo = Snapshot();
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);

        foreach (var line in Script(bridgePorts)) _run.Sandbox.Witness(line.Split(' '));
        var byScript = Snapshot();

        Assert.Equal(byScript, byTopo);
        Assert.Contains("br00 bridge up mtu 1500", byTopo);
        Assert.Contains($"{bridgePorts["ns1"]} veth master br00 up mtu 1500", byTopo);
    }

    // The tutorial's commands for examples/02-bridge.yaml, with topo's names for the bridge ports.
    private static IEnumerable<string> Script(Dictionary<string, string> bridgePorts)
    {
        yield return "ip link add br00 type bridge";
        yield return "ip link set br00 up";
        yield return "ip addr add 10.100.0.1/16 dev br00";
        var octet = 2;
        foreach (var ns in new[] { "ns1", "ns2" })
        {
            yield return $"ip netns add {ns}";
            yield return $"ip -n {ns} link set lo up";
            yield return $"ip link add {bridgePorts[ns]} type veth peer name eth0 netns {ns}";
            yield return $"ip link set {bridgePorts[ns]} master br00 up";
            yield return $"ip -n {ns} link set eth0 up";
            yield return $"ip -n {ns} addr add 10.100.0.{octet++}/16 dev eth0";
            yield return $"ip -n {ns} route add default via 10.100.0.1";
        }
    }

    // The script sets no marks, so aliases are left out of the comparison.
    private string Snapshot() => KernelSnapshot.Of(_run.Sandbox, ["ns1", "ns2"], withMarks: false);
}

using System.Text;
using System.Text.Json;
using Topo.Core;
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
            .ToDictionary(v => (v.A.Master is null ? v.A : v.B).Namespace, v => (v.A.Master is null ? v.B : v.A).Name);

        Assert.Equal(0, _run.Topo("apply", file, "-q").ExitCode);
        var byTopo = Snapshot();
        Assert.Equal(0, _run.Topo("down", file, "-q").ExitCode);

        foreach (var line in Script(bridgePorts)) _run.Sandbox.Witness(line.Split(' '));
        var byScript = Snapshot();

        Assert.Equal(byScript, byTopo);
        Assert.Contains("br00 bridge up", byTopo);
        Assert.Contains($"{bridgePorts["ns1"]} veth master br00 up", byTopo);
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

    // Per namespace: each interface's kind, master and state, its addresses, and the routes the
    // kernel did not add itself. Aliases (topo's ownership mark) and kernel-made details are left out.
    private string Snapshot()
    {
        var text = new StringBuilder();
        foreach (var ns in new string?[] { null, "ns1", "ns2" })
        {
            text.AppendLine($"[{ns ?? "host"}]");
            foreach (var link in Ip(ns, "-d", "link", "show").OrderBy(l => l.GetProperty("ifname").GetString(), StringComparer.Ordinal))
            {
                var name = link.GetProperty("ifname").GetString()!;
                var kind = link.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var k) ? k.GetString() : "device";
                var master = link.TryGetProperty("master", out var m) ? $" master {m.GetString()}" : "";
                var up = link.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP") ? " up" : " down";
                text.AppendLine($"{name} {kind}{master}{up}");
                foreach (var a in IpWitness.Addresses(_run.Sandbox, ns, name)) text.AppendLine($"  {a}");
            }

            foreach (var route in IpWitness.Routes(_run.Sandbox, ns).Order(StringComparer.Ordinal)) text.AppendLine($"  route {route}");
        }

        return text.ToString();
    }

    private IEnumerable<JsonElement> Ip(string? ns, params string[] args)
    {
        string[] command = ns is null ? ["ip", "-j", .. args] : ["ip", "-n", ns, "-j", .. args];
        using var doc = JsonDocument.Parse(_run.Sandbox.Witness(command));
        return [.. doc.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}

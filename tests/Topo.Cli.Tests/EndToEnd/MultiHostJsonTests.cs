using System.Text.Json;
using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary><c>--output json</c> through the fan-out: one document with every machine's own document in it, and a summary.</summary>
[Collection(LabCollection.Name)]
public sealed class MultiHostJsonTests : IDisposable
{
    private readonly MultiHostWorld _world = new();

    public void Dispose() => _world.Dispose();

    [KernelFact]
    public void Plan_as_json_holds_each_machines_plan_with_where_it_ran()
    {
        // h1 is the sandbox's root (it holds the operator address), so one share runs in process and one over ssh.
        var file = Path.Combine(_world.Run.State, "two.yaml");
        File.WriteAllText(file, File.ReadAllText(LabRun.Example("08-overlay.yaml"))
            .Replace("192.0.2.11, ssh: root@h1", $"{SimulatedHosts.OperatorAddress}, ssh: root@h1", StringComparison.Ordinal));

        var plan = _world.Topo("plan", file, "-o", "json");

        Assert.True(plan.ExitCode == 0, plan.Out + plan.Error);
        using var document = JsonDocument.Parse(plan.Out);
        var hosts = document.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["h1", "h2"], hosts.Select(h => h.GetProperty("host").GetString()));
        Assert.Equal(["local", "ssh"], hosts.Select(h => h.GetProperty("where").GetString()));
        foreach (var host in hosts)
        {
            Assert.Equal(0, host.GetProperty("exitCode").GetInt32());
            Assert.Equal(JsonValueKind.Null, host.GetProperty("error").ValueKind);
            Assert.Equal(JsonValueKind.Object, host.GetProperty("result").ValueKind);
        }

        Assert.Contains("\"c1\"", hosts[0].GetProperty("result").GetRawText());
        Assert.DoesNotContain("\"c2\"", hosts[0].GetProperty("result").GetRawText());
        Assert.Contains("\"c2\"", hosts[1].GetProperty("result").GetRawText());
        var summary = document.RootElement.GetProperty("summary");
        Assert.Equal("plan", summary.GetProperty("command").GetString());
        Assert.Equal(2, summary.GetProperty("hosts").GetInt32());
        Assert.Empty(summary.GetProperty("failed").EnumerateArray());
        Assert.Equal(0, summary.GetProperty("exitCode").GetInt32());
    }
}

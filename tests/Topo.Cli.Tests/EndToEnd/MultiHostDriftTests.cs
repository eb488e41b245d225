using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>Drift on single machines (a forwarding entry gone on h2, a VXLAN device gone on h3) shows in the fan-out's status under that machine, and apply repairs it.</summary>
[Collection(LabCollection.Name)]
public sealed class MultiHostDriftTests : IDisposable
{
    private readonly MultiHostWorld _world = new();

    public void Dispose() => _world.Dispose();

    [KernelFact]
    public void Drift_on_one_machine_shows_under_it_and_apply_repairs_it()
    {
        var apply = _world.Topo("apply", _world.File, "-q");
        Assert.True(apply.ExitCode == 0, apply.Out + apply.Error);
        _world.Hosts["h2"].Run("bridge", "fdb", "del", "00:00:00:00:00:00", "dev", "vxov0", "dst", "192.0.2.11");
        _world.Hosts["h3"].Run("ip", "link", "del", "vxov1");

        var status = _world.Topo("status", _world.File);

        Assert.True(status.ExitCode == 2, status.Out + status.Error);
        var sections = Sections(status.Out);
        Assert.Contains("in sync", sections["h1"]);
        Assert.DoesNotContain("drifted", sections["h1"]);
        Assert.Contains("drifted", sections["h2"]);
        Assert.Contains("192.0.2.11", sections["h2"]);
        Assert.Contains("drifted", sections["h3"]);
        Assert.Contains("vxov1", sections["h3"]);

        var repair = _world.Topo("apply", _world.File, "-q");
        Assert.True(repair.ExitCode == 0, repair.Out + repair.Error);
        Assert.Contains("dst 192.0.2.11", _world.Hosts["h2"].Run("bridge", "fdb", "show", "dev", "vxov0"));
        Assert.Contains("vxov1", _world.OverlayLinks("h3"));
        Assert.True(_world.Pings("b3", "10.0.19.2"), "b3 on h3 reaches b2 again over ov1");
        var after = _world.Topo("status", _world.File);
        Assert.True(after.ExitCode == 0, after.Out + after.Error);
    }

    // The fan-out's text: "NAME (WHERE):", the machine's own lines indented, then "NAME: ok|failed".
    private static Dictionary<string, string> Sections(string text)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length > 0 && line[0] != ' ' && line.EndsWith("):", StringComparison.Ordinal))
            {
                current = line.Split(' ')[0];
                sections[current] = "";
            }
            else if (current is not null && line.StartsWith("  ", StringComparison.Ordinal))
            {
                sections[current] += line + "\n";
            }
        }

        return sections;
    }
}

using System.Reflection;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>Faults through the fan-out: a plan refused on one machine or a far side of another version changes nothing anywhere.</summary>
[Collection(LabCollection.Name)]
public sealed class MultiHostFaultTests : IDisposable
{
    private readonly MultiHostWorld _world = new();

    public void Dispose() => _world.Dispose();

    [KernelFact]
    public void A_conflict_on_one_machine_is_named_with_it_and_nothing_is_applied_anywhere()
    {
        // Someone else's bridge under the name the lab wants on h2.
        _world.Hosts["h2"].Run("ip", "link", "add", "ov1", "type", "bridge");

        var apply = _world.Topo("apply", _world.File, "-q");

        Assert.NotEqual(0, apply.ExitCode);
        Assert.Contains("the plan failed on h2: nothing was applied on any host", apply.Error);
        var h2 = apply.Out[apply.Out.IndexOf("h2 (over ssh h2):", StringComparison.Ordinal)..];
        Assert.Contains("ov1", h2);
        Assert.Contains("already exists and is not owned by this lab", h2);
        Assert.DoesNotContain("h1 (over ssh", apply.Out);
        foreach (var host in _world.HostNames) Assert.Equal("", _world.Netns(host));
        Assert.Empty(_world.OverlayLinks("h1"));
        Assert.Empty(_world.OverlayLinks("h3"));
        Assert.Equal(["ov1"], _world.OverlayLinks("h2"));
    }

    [KernelFact]
    public void A_machine_with_another_topo_version_is_named_with_both_versions_and_nothing_changes()
    {
        // The far side runs a script from the machine's own /run: on h2 it claims another version.
        foreach (var host in _world.Hosts.Hosts)
        {
            var version = host.Name == "h2" ? "if [ \"$1\" = --version ]; then echo 0.0.1-elsewhere; exit 0; fi\n" : "";
            System.IO.File.WriteAllText(host.PathOf("/run/topo-wrapper"), $"{version}exec {string.Join(' ', MultiHostWorld.RemoteTopo)} \"$@\"\n");
        }

        _world.Run.Options = _world.Run.Options with { Ssh = _world.Run.Options.Ssh with { RemoteCommand = ["sh", "/run/topo-wrapper"] } };
        var ours = typeof(TopoApp).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        var apply = _world.Topo("apply", _world.File, "-q");

        Assert.NotEqual(0, apply.ExitCode);
        Assert.True(apply.Error.Contains($"host 'h2' runs topo 0.0.1-elsewhere, this machine runs topo {ours}", StringComparison.Ordinal), apply.Error);
        Assert.DoesNotContain("host 'h1'", apply.Error);
        Assert.Contains("nothing was changed on any host", apply.Error);
        foreach (var host in _world.HostNames)
        {
            Assert.Equal("", _world.Netns(host));
            Assert.Empty(_world.OverlayLinks(host));
        }
    }
}

using Topo.Linux.Remote;
using Topo.Testing.Hosts;
using Topo.Testing.Kernel;

namespace Topo.Linux.Tests.Remote;

/// <summary>The version check over real ssh; a shell that prints a version stands in for the far side's topo.</summary>
public sealed class RemoteVersionTests
{
    private static readonly RemoteHost H2 = new("h2", "h2");

    [KernelFact]
    public async Task The_same_version_on_the_far_side_passes_and_another_is_named_with_ours()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        var runner = new SshRunner(hosts.SshOptions(["sh", "-c", "test \"$1\" = --version && echo 0.1.0+abc", "sh"]), sandbox.Host);

        await RemoteVersion.RequireSame(runner, H2, "0.1.0+abc");
        var e = await Assert.ThrowsAsync<RemoteHostException>(() => RemoteVersion.RequireSame(runner, H2, "0.2.0"));

        Assert.Equal("host 'h2' runs topo 0.1.0+abc, this machine runs topo 0.2.0: install the same topo version on every host", e.Message);
    }

    [KernelFact]
    public async Task A_far_side_without_topo_is_named()
    {
        using var sandbox = new KernelSandbox();
        using var hosts = new SimulatedHosts(sandbox, 2);
        var runner = new SshRunner(hosts.SshOptions(["no-such-topo"]), sandbox.Host);

        var e = await Assert.ThrowsAsync<RemoteHostException>(() => RemoteVersion.RequireSame(runner, H2, "0.1.0"));

        Assert.StartsWith("host 'h2': 'topo --version' failed (exit 127): ", e.Message);
        Assert.Contains("no-such-topo", e.Message);
    }
}

using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A state directory that cannot take the lab's lock (read-only, out of inodes) is named with the
/// kernel's words at once, not waited on and blamed on a lock holder that does not exist. The
/// mounts are made in the test run's own mount namespace, over this test's state directory.
/// </summary>
[Collection(LabCollection.Name)]
public sealed class StateDirectoryTests : IDisposable
{
    private readonly LabRun _run = new();

    public void Dispose() => _run.Dispose();

    [KernelFact]
    public void A_read_only_state_directory_is_named_at_once()
    {
        var apply = WithStateMounted("size=1m", "ro", () => _run.Topo("apply", LabRun.Example("01-veth-pair.yaml"), "-q", "--lock-timeout", "2"));

        Assert.Equal(1, apply.ExitCode);
        Assert.Contains($"{_run.State}", apply.Error);
        Assert.Contains("Read-only file system", apply.Error);
        Assert.DoesNotContain("busy", apply.Error);
        Assert.Empty(_run.Namespaces());
    }

    [KernelFact]
    public void A_state_directory_out_of_inodes_is_named_at_once()
    {
        // Two inodes: the directory itself and its locks directory; no lock file can be made.
        var down = WithStateMounted("nr_inodes=2,size=1m", null, () => _run.Topo("down", "--lab", "veth-pair", "--lock-timeout", "2"));

        Assert.Equal(1, down.ExitCode);
        Assert.Contains($"{_run.State}", down.Error);
        Assert.Contains("No space left on device", down.Error);
        Assert.DoesNotContain("busy", down.Error);
    }

    // The locks directory is there, as after any earlier run; <paramref name="remount"/> then changes the mount (ro).
    private CliRun WithStateMounted(string options, string? remount, Func<CliRun> run)
    {
        KernelSandbox.Run("mount", "-t", "tmpfs", "-o", options, "topo-test-state", _run.State);
        try
        {
            Directory.CreateDirectory(Path.Combine(_run.State, "locks"));
            if (remount is not null) KernelSandbox.Run("mount", "-o", $"remount,{remount}", _run.State);
            return run();
        }
        finally
        {
            KernelSandbox.Run("umount", _run.State);
        }
    }
}

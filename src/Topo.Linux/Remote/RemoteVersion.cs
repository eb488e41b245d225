namespace Topo.Linux.Remote;

/// <summary>
/// Every host computes its share from the same file, so every host must read it the same way: the
/// far side's topo must be this one's version.
/// </summary>
public static class RemoteVersion
{
    /// <summary>Runs <c>topo --version</c> on the host; throws <see cref="RemoteHostException"/> naming both versions when they differ.</summary>
    public static async Task RequireSame(IRemoteRunner runner, RemoteHost host, string ours, CancellationToken cancellation = default)
    {
        var result = await runner.RunAsync(host, ["--version"], null, cancellation);
        if (result.ExitCode != 0)
            throw new RemoteHostException(host, $"host '{host.Name}': 'topo --version' failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        var theirs = result.StandardOutput.Trim();
        if (theirs != ours.Trim())
            throw new RemoteHostException(host, $"host '{host.Name}' runs topo {theirs}, this machine runs topo {ours.Trim()}: install the same topo version on every host");
    }
}

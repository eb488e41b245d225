namespace Topo.Linux.Remote;

/// <summary>Runs <c>topo ARGS</c> on another host: the seam the multi-host commands fan out through.</summary>
public interface IRemoteRunner
{
    /// <summary>
    /// Runs topo with <paramref name="arguments"/> on <paramref name="host"/>, <paramref name="standardInput"/>
    /// (the lab file) on its standard input. Throws <see cref="RemoteHostException"/> when the host cannot be
    /// reached at all; a topo that ran and failed is a result with its exit code, not an exception.
    /// </summary>
    Task<RemoteResult> RunAsync(RemoteHost host, IReadOnlyList<string> arguments, string? standardInput, CancellationToken cancellation = default);
}

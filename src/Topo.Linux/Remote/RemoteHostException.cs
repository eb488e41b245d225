namespace Topo.Linux.Remote;

/// <summary>A host that could not be used: unreachable, refused, or running another topo. The message names the host.</summary>
public sealed class RemoteHostException(RemoteHost host, string message) : Exception(message)
{
    public RemoteHost Host { get; } = host;
}

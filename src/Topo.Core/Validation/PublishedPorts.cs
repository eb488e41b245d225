namespace Topo.Core.Validation;

/// <summary>
/// Host ports already published in the lab. As with Docker, one port and protocol can be
/// published on two different host IPs, but not on a host IP and on "any" (no host IP) at once.
/// A range claims each of its ports.
/// </summary>
internal sealed class PublishedPorts
{
    private readonly Dictionary<(int, string), Dictionary<string, string>> _byPort = [];

    private const string Any = "*";

    /// <summary>Records the ports and returns null, or returns the first port taken and where it was published before.</summary>
    public (int Port, string Path)? Claim(PortSpec spec, string path)
    {
        foreach (var port in spec.HostPorts)
        {
            if (Earlier(port, spec) is { } earlier) return (port, earlier);
        }

        foreach (var port in spec.HostPorts) _byPort[(port, spec.Protocol)][spec.HostIp ?? Any] = path;
        return null;
    }

    private string? Earlier(int port, PortSpec spec)
    {
        if (!_byPort.TryGetValue((port, spec.Protocol), out var hosts))
            _byPort[(port, spec.Protocol)] = hosts = [];
        var host = spec.HostIp ?? Any;
        if (hosts.TryGetValue(host, out var earlier)) return earlier;
        if (host == Any && hosts.Count > 0) return hosts.Values.First();
        if (host != Any && hosts.TryGetValue(Any, out var any)) return any;
        return null;
    }
}

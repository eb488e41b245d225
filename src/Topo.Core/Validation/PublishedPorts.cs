namespace Topo.Core.Validation;

/// <summary>
/// Host ports already published in the lab. As with Docker, one port and protocol can be
/// published on two different host IPs, but not on a host IP and on "any" (no host IP) at once.
/// </summary>
internal sealed class PublishedPorts
{
    private readonly Dictionary<(int, string), Dictionary<string, string>> _byPort = [];

    private const string Any = "*";

    /// <summary>Records the port and returns null, or returns where it was published before.</summary>
    public string? Claim(PortSpec spec, string path)
    {
        if (!_byPort.TryGetValue((spec.HostPort, spec.Protocol), out var hosts))
            _byPort[(spec.HostPort, spec.Protocol)] = hosts = [];
        var host = spec.HostIp ?? Any;
        if (hosts.TryGetValue(host, out var earlier)) return earlier;
        if (host == Any && hosts.Count > 0) return hosts.Values.First();
        if (host != Any && hosts.TryGetValue(Any, out var any)) return any;
        hosts[host] = path;
        return null;
    }
}

using System.Globalization;

namespace Topo.Core.Validation;

/// <summary>
/// A published port: <c>[HOST_IP:]HOST_PORT:NODE_PORT[/tcp|udp]</c>, as Docker's <c>-p</c>; an IPv6
/// host address in brackets (<c>[2001:db8::1]:8080:80</c>); <see cref="Count"/> ports for a range
/// (<c>8000-8010:9000-9010</c>, both sides of one length).
/// </summary>
internal sealed record PortSpec(string? HostIp, int HostPort, int NodePort, string Protocol)
{
    public int Count { get; init; } = 1;

    public bool HostIpIsV6 => HostIp?.Contains(':', StringComparison.Ordinal) == true;

    public IEnumerable<int> HostPorts => Enumerable.Range(HostPort, Count);

    /// <summary>
    /// The spec in one spelling, however it was written (<c>8080:80</c> for <c>8080:80/tcp</c>, tcp being the
    /// default as in <c>docker run -p</c>), so what it names in the kernel does not depend on the spelling.
    /// </summary>
    public string Canonical
    {
        get
        {
            var host = HostIp is null ? "" : HostIpIsV6 ? $"[{HostIp}]:" : $"{HostIp}:";
            return $"{host}{Ports(HostPort)}:{Ports(NodePort)}{(Protocol == "tcp" ? "" : "/" + Protocol)}";
            string Ports(int first) => Count == 1 ? $"{first}" : $"{first}-{first + Count - 1}";
        }
    }
}

internal static class PortSpecParser
{
    public const string Syntax = "[HOST_IP:]HOST_PORT[-LAST]:NODE_PORT[-LAST][/tcp|udp], e.g. 8080:80/tcp, [2001:db8::1]:8080:80";

    /// <summary>The spec, or the reason it is not one.</summary>
    public static (PortSpec? Spec, string? Error) Parse(string text)
    {
        var protocol = "tcp";
        var slash = text.IndexOf('/');
        var body = text;
        if (slash >= 0)
        {
            protocol = text[(slash + 1)..];
            body = text[..slash];
            if (protocol is not ("tcp" or "udp")) return (null, $"protocol '{protocol}' must be tcp or udp");
        }

        string? hostIp = null;
        if (body.StartsWith('['))
        {
            var close = body.IndexOf(']');
            if (close < 0 || body.Length <= close + 1 || body[close + 1] != ':') return (null, $"'{text}' is not a port mapping ({Syntax})");
            if (Ip.Parse(body[1..close]) is not { IsV6: true } v6) return (null, $"host address '{body[1..close]}' is not an IPv6 address");
            hostIp = v6.ToString();
            body = body[(close + 2)..];
            if (body.Split(':').Length != 2) return (null, $"'{text}' is not a port mapping ({Syntax})");
        }

        var parts = body.Split(':');
        if (parts.Length > 3 && hostIp is null && body.Contains("::", StringComparison.Ordinal))
            return (null, $"an IPv6 host address goes in brackets, as for docker run -p: [::1]:8080:80");
        if (parts.Length is < 2 or > 3) return (null, $"'{text}' is not a port mapping ({Syntax})");
        if (parts.Length == 3)
        {
            if (Ip.Parse(parts[0]) is not { IsV6: false } ip) return (null, $"host address '{parts[0]}' is not an IPv4 address");
            hostIp = ip.ToString();
        }

        var (hostPort, hostCount) = Ports(parts[^2]);
        var (nodePort, nodeCount) = Ports(parts[^1]);
        if (hostPort is null) return (null, $"host port '{parts[^2]}' must be a number from 1 to 65535, or a range of them (8000-8010)");
        if (nodePort is null) return (null, $"node port '{parts[^1]}' must be a number from 1 to 65535, or a range of them (8000-8010)");
        if (hostCount != nodeCount)
            return (null, $"host ports {parts[^2]} ({Ports(hostCount)}) and node ports {parts[^1]} ({Ports(nodeCount)}) must be ranges of one length");
        return (new PortSpec(hostIp, hostPort.Value, nodePort.Value, protocol) { Count = hostCount }, null);
    }

    private static string Ports(int count) => count == 1 ? "1 port" : $"{count} ports";

    /// <summary>A port or a range <c>FIRST-LAST</c> (first at most last), as its first port and count.</summary>
    private static (int? First, int Count) Ports(string text)
    {
        var dash = text.IndexOf('-');
        if (dash < 0) return (Port(text), 1);
        if (Port(text[..dash]) is not { } first || Port(text[(dash + 1)..]) is not { } last || last < first) return (null, 0);
        return (first, last - first + 1);
    }

    private static int? Port(string text) =>
        text.Length is >= 1 and <= 5 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var n and >= 1 and <= 65535
            ? n
            : null;
}

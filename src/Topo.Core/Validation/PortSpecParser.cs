using System.Globalization;

namespace Topo.Core.Validation;

/// <summary>A published port: <c>[HOST_IP:]HOST_PORT:NODE_PORT[/tcp|udp]</c>, as Docker's <c>-p</c>.</summary>
internal sealed record PortSpec(string? HostIp, int HostPort, int NodePort, string Protocol);

internal static class PortSpecParser
{
    public const string Syntax = "[HOST_IP:]HOST_PORT:NODE_PORT[/tcp|udp], e.g. 8080:80/tcp";

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

        if (body.StartsWith('[')) return (null, "IPv6 host addresses are not supported: the lab's nftables table is IPv4");
        var parts = body.Split(':');
        if (parts.Length is < 2 or > 3) return (null, $"'{text}' is not a port mapping ({Syntax})");
        string? hostIp = null;
        if (parts.Length == 3)
        {
            if (Ip.Parse(parts[0]) is not { IsV6: false } ip) return (null, $"host address '{parts[0]}' is not an IPv4 address");
            hostIp = ip.ToString();
        }

        var hostPort = Port(parts[^2]);
        var nodePort = Port(parts[^1]);
        if (hostPort is null) return (null, $"host port '{parts[^2]}' must be a number from 1 to 65535");
        if (nodePort is null) return (null, $"node port '{parts[^1]}' must be a number from 1 to 65535");
        return (new PortSpec(hostIp, hostPort.Value, nodePort.Value, protocol), null);
    }

    private static int? Port(string text) =>
        text.Length is >= 1 and <= 5 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var n and >= 1 and <= 65535
            ? n
            : null;
}

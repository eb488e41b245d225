namespace Topo.Core.Validation;

/// <summary>
/// A check's <c>to</c> split into its parts: a name (node or <c>host</c>) with an optional
/// interface, or an address; then an optional port. IPv6 with a port is written <c>[fd00::1]:80</c>.
/// </summary>
internal sealed record CheckTarget(string? Name, string? Interface, Ip? Address, string? PortText)
{
    public static CheckTarget? Parse(string text)
    {
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']');
            if (close < 0 || Ip.Parse(text[1..close]) is not { IsV6: true } v6) return null;
            var rest = text[(close + 1)..];
            if (rest.Length == 0) return new CheckTarget(null, null, v6, null);
            return rest.StartsWith(':') ? new CheckTarget(null, null, v6, rest[1..]) : null;
        }

        if (text.Count(c => c == ':') > 2) return Ip.Parse(text) is { } bare ? new CheckTarget(null, null, bare, null) : null;
        if (text.Contains("::") && Ip.Parse(text) is { } shortV6) return new CheckTarget(null, null, shortV6, null);

        var parts = text.Split(':');
        string? port = null;
        if (parts.Length >= 2 && parts[^1].Length > 0 && parts[^1].All(char.IsAsciiDigit))
        {
            port = parts[^1];
            parts = parts[..^1];
        }

        if (parts.Length > 2 || parts.Any(p => p.Length == 0)) return null;
        if (parts.Length == 1 && Ip.Parse(parts[0]) is { } ip) return new CheckTarget(null, null, ip, port);
        return new CheckTarget(parts[0], parts.Length == 2 ? parts[1] : null, null, port);
    }
}

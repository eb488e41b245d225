using System.Globalization;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>MTU and MAC as the kernel takes them for a veth or a bridge.</summary>
internal static class DeviceSettings
{
    public const int MinMtu = 68;
    public const int MaxMtu = 65535;

    public static int? Mtu(Located<int>? written, string path, Problems problems)
    {
        if (written is null || written.Value is >= MinMtu and <= MaxMtu) return written?.Value;
        problems.Add(written.Mark, path, $"mtu {written.Value} must be from {MinMtu} (the IPv4 minimum) to {MaxMtu}");
        return null;
    }

    /// <summary>Lower case, since the kernel reports it so; a multicast or all-zero MAC is refused by the kernel on a device.</summary>
    public static string? Mac(Located<string> written, string path, Problems problems)
    {
        var parts = written.Value.Split(':');
        if (parts.Length != 6 || parts.Any(p => p.Length != 2 || !p.All(char.IsAsciiHexDigit)))
        {
            problems.Add(written.Mark, path, $"mac '{written.Value}' must be six hex pairs separated by ':' (e.g. 02:42:ac:11:00:02)");
            return null;
        }

        var first = byte.Parse(parts[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        if ((first & 1) == 1 || parts.All(p => p == "00"))
        {
            problems.Add(written.Mark, path, $"mac '{written.Value}' is not a unicast address (the lowest bit of the first byte must be 0, and not all zero; e.g. 02:42:ac:11:00:02)");
            return null;
        }

        return written.Value.ToLowerInvariant();
    }
}

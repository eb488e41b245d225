using System.Globalization;

namespace Topo.Linux.Rtnl;

/// <summary>Hardware addresses as <c>ip</c> prints them: lower-case hex pairs joined by colons.</summary>
public static class MacAddress
{
    public static string Format(ReadOnlySpan<byte> bytes) =>
        string.Join(':', bytes.ToArray().Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));

    public static byte[] Parse(string text)
    {
        var parts = text.Split(':');
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Length != 2 || !byte.TryParse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i]))
                throw new FormatException($"'{text}' is not a MAC address (xx:xx:xx:xx:xx:xx)");
        }

        return bytes;
    }
}

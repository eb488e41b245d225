using System.Globalization;

namespace Topo.Core.Validation;

/// <summary>
/// A duration as a lab file or a command line writes it: <c>500ms</c>, <c>2s</c>, <c>2m</c>, or a bare
/// integer of seconds (as a YAML number would be read). Each caller sets its own bounds and message.
/// </summary>
public static class Duration
{
    /// <summary>The span written, or null when <paramref name="text"/> is none of those forms or is zero.</summary>
    public static TimeSpan? Parse(string text)
    {
        var unit = text.EndsWith("ms", StringComparison.Ordinal) ? "ms" : text.EndsWith('s') ? "s" : text.EndsWith('m') ? "m" : "";
        var digits = text[..^unit.Length];
        if (digits.Length is < 1 or > 6 || !digits.All(char.IsAsciiDigit)) return null;
        var n = int.Parse(digits, CultureInfo.InvariantCulture);
        var span = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromSeconds(n),
        };
        return span > TimeSpan.Zero ? span : null;
    }
}

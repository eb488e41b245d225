using System.Text.Json;
using System.Text.RegularExpressions;

namespace Topo.Core.Export;

/// <summary>
/// Writes a string so that YAML reads it back as the same string: plain when that is safe (names,
/// <c>NODE:IFNAME</c>, addresses), else double-quoted. Safe means it cannot be read as a number, a
/// boolean, null, or break a flow sequence.
/// </summary>
internal static partial class YamlScalar
{
    private static readonly HashSet<string> Special = new(StringComparer.OrdinalIgnoreCase) { "true", "false", "null", "yes", "no", "on", "off", "y", "n", "~" };

    public static string Of(string value) =>
        (Safe().IsMatch(value) && !Special.Contains(value) && !Numeric().IsMatch(value) && !value.Contains("::", StringComparison.Ordinal))
            ? value
            : JsonSerializer.Serialize(value, ExportJsonContext.Default.String);

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_./-]*(:[A-Za-z0-9_][A-Za-z0-9_./-]*)?$")]
    private static partial Regex Safe();

    [GeneratedRegex(@"^[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?$|^0[xXoObB]|^\d+(:\d+)+$")]
    private static partial Regex Numeric();
}

using System.Text.RegularExpressions;

namespace Topo.Linux.Sysctl;

/// <summary>
/// A sysctl name as users write it (<c>net.ipv4.ip_forward</c>), checked before it becomes a path
/// under /proc/sys: only the network tree, and no segment that could climb out of it.
/// </summary>
public static partial class SysctlKey
{
    public static bool IsValid(string key) => Shape().IsMatch(key);

    /// <summary>The /proc/sys file of a valid key; null for anything else.</summary>
    public static string? PathOf(string key) => IsValid(key) ? "/proc/sys/" + key.Replace('.', '/') : null;

    // Dots separate segments, so "..", "/" and empty segments are all outside this shape.
    [GeneratedRegex(@"^net(\.[a-z0-9_-]+)+$")]
    private static partial Regex Shape();
}

using System.Globalization;
using System.Text;

namespace Topo.Core.Validation;

/// <summary>What names the kernel and the file format accept, and how to say so when they do not.</summary>
internal static class NameRules
{
    public const int MaxNode = 64;

    /// <summary>IFNAMSIZ is 16 bytes with the terminating NUL, and it counts bytes, not characters.</summary>
    public const int MaxInterfaceBytes = 15;

    /// <summary>The name the root namespace has in endpoints and checks; no node may take it.</summary>
    public const string Host = "host";

    public const string Loopback = "lo";

    /// <summary>
    /// The directories beside the interfaces' own under /proc/sys/net/ipv4/conf/ (and ipv6, neigh): an
    /// interface of that name could have no settings of its own.
    /// </summary>
    private static readonly string[] ConfNames = ["all", "default"];

    /// <summary>
    /// <c>[a-z][a-z0-9-]*</c>: safe as a file name under /run/netns (no <c>/</c>, never <c>.</c>
    /// or <c>..</c>, no NUL) and inside an nftables table name and an interface alias.
    /// </summary>
    public static bool IsSimpleName(string name, int max) =>
        name.Length >= 1 && name.Length <= max && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// <c>[a-z][a-z0-9_.-]*</c>: a simple name with Docker's <c>_</c> and <c>.</c> (<c>mybox1_docker0</c>). Still a
    /// safe file name under /run/netns and /etc/netns (it starts with a letter, so it is never <c>.</c> or <c>..</c>),
    /// never an address in a check (no <c>:</c>, and a letter first), and never part of a generated interface name.
    /// </summary>
    public static bool IsNodeName(string name) =>
        name.Length >= 1 && name.Length <= MaxNode && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');

    public static bool IsInterfaceName(string name) => InterfaceProblem(name) is null;

    /// <summary>
    /// Why the kernel's dev_valid_name would refuse the name, or rename the interface, or why topo does:
    /// null for a good name. <c>:</c> would make endpoints ambiguous; <c>%</c> makes the kernel pick a
    /// number itself (<c>br%d</c> becomes <c>br0</c>), so the lab would not find its own interface.
    /// </summary>
    public static string? InterfaceProblem(string name)
    {
        if (name.Length == 0) return $"is empty; an interface name is 1 to {MaxInterfaceBytes} bytes (e.g. 'eth0')";
        if (name is "." or "..") return "is not allowed: '.' and '..' are not interface names (e.g. 'eth0')";
        if (Unseen(name) is { } unseen) return unseen;
        foreach (var c in name)
        {
            if (c is '/' or ':') return $"contains '{c}'; an interface name has no '/', ':' or whitespace (e.g. 'eth0')";
            if (char.IsWhiteSpace(c)) return "contains whitespace; an interface name has no '/', ':' or whitespace (e.g. 'eth0')";
            if (c == '%') return "contains '%', which the kernel replaces with a number of its choosing ('br%d' becomes 'br0'); write the name in full (e.g. 'br0')";
            // The kernel's isspace() takes byte 0xA0 for a space, and UTF-8 puts it inside characters such as 'à'.
            if (Encoding.UTF8.GetBytes([c]).Contains((byte)0xA0))
                return $"contains '{c}', whose UTF-8 encoding has the byte 0xA0, which the kernel counts as whitespace; use ASCII letters, digits, '-' and '_'";
        }

        var bytes = Encoding.UTF8.GetByteCount(name);
        if (bytes > MaxInterfaceBytes)
        {
            var characters = bytes == name.Length ? "" : $" in UTF-8 ({name.Length} characters)";
            return $"is {bytes} bytes{characters}; the kernel takes at most {MaxInterfaceBytes} (IFNAMSIZ is 16 with the NUL)";
        }

        if (ConfNames.Contains(name))
            return $"is taken: /proc/sys/net/ipv4/conf/{name} holds the settings of {(name == "all" ? "all interfaces" : "new interfaces")}, not of an interface called '{name}'; pick another name";
        return null;
    }

    /// <summary>
    /// A control character (a NUL, a newline) or an invisible one (zero-width, bidi controls) in any name:
    /// the name would not be what the file seems to say. Null when there is none.
    /// </summary>
    public static string? Unseen(string name)
    {
        foreach (var c in name)
        {
            if (char.IsControl(c)) return $"contains the control character {Code(c)}; remove it";
            if (IsInvisible(c)) return $"contains the invisible character {Code(c)} ({InvisibleKind(c)}); remove it";
        }

        return null;
    }

    /// <summary>Zero-width characters, bidi marks, embeddings, overrides and isolates, and the BOM.</summary>
    public static bool IsInvisible(char c) => c is >= '\u200B' and <= '\u200F' or >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\uFEFF';

    private static string InvisibleKind(char c) => c switch
    {
        <= '\u200D' or '\uFEFF' => "zero-width",
        _ => "a bidirectional-text control",
    };

    private static string Code(char c) => string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    /// <summary>A name as a message shows it: control and invisible characters as <c>\uXXXX</c>, so the reader sees them.</summary>
    public static string Shown(string name) =>
        name.Any(c => char.IsControl(c) || IsInvisible(c))
            ? string.Concat(name.Select(c => char.IsControl(c) || IsInvisible(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()))
            : name;

    public static string NodeMessage(string name) =>
        Unseen(name) is { } unseen
            ? $"node name '{Shown(name)}' {unseen}"
            : $"node name '{name}' must match [a-z][a-z0-9_.-]* and be at most {MaxNode} characters (e.g. 'box1', 'mybox1_docker0')";

    /// <summary>For a name <see cref="IsInterfaceName"/> refused.</summary>
    public static string InterfaceMessage(string what, string name) => $"{what} name '{Shown(name)}' {InterfaceProblem(name)}";

    /// <summary>A list for a message: <c>box1, box2, web</c>, or <c>none</c>.</summary>
    public static string List(IEnumerable<string> names)
    {
        var text = string.Join(", ", names);
        return text.Length == 0 ? "none" : text;
    }
}

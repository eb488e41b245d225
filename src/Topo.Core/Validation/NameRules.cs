namespace Topo.Core.Validation;

/// <summary>What names the kernel and the file format accept, and how to say so when they do not.</summary>
internal static class NameRules
{
    public const int MaxLab = 12;
    public const int MaxNode = 64;
    public const int MaxInterface = 15;

    /// <summary>The name the root namespace has in endpoints and checks; no node may take it.</summary>
    public const string Host = "host";

    public const string Loopback = "lo";

    /// <summary>
    /// <c>[a-z][a-z0-9-]*</c>: safe as a file name under /run/netns (no <c>/</c>, never <c>.</c>
    /// or <c>..</c>, no NUL) and inside an nftables table name and an interface alias.
    /// </summary>
    public static bool IsSimpleName(string name, int max) =>
        name.Length >= 1 && name.Length <= max && char.IsAsciiLetterLower(name[0])
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>The kernel's dev_valid_name, plus <c>:</c> which would make endpoints ambiguous.</summary>
    public static bool IsInterfaceName(string name) =>
        name.Length >= 1 && name.Length <= MaxInterface && name != "." && name != ".."
        && !name.Any(c => c == '/' || c == ':' || char.IsWhiteSpace(c) || char.IsControl(c));

    public static string LabMessage(string name) =>
        $"lab name '{name}' must match [a-z][a-z0-9-]* and be at most {MaxLab} characters (e.g. 'dockerish')";

    public static string NodeMessage(string name) =>
        $"node name '{name}' must match [a-z][a-z0-9-]* and be at most {MaxNode} characters (e.g. 'box1')";

    public static string InterfaceMessage(string what, string name) =>
        $"{what} name '{name}' must be 1 to {MaxInterface} characters without '/', ':' or whitespace, and not '.' or '..'";

    /// <summary>A list for a message: <c>box1, box2, web</c>, or <c>none</c>.</summary>
    public static string List(IEnumerable<string> names)
    {
        var text = string.Join(", ", names);
        return text.Length == 0 ? "none" : text;
    }
}

namespace Topo.Core.Parsing;

/// <summary>
/// YamlDotNet's syntax errors speak of scanners and tokens; a user needs to know what to fix.
/// Known messages get a hint in the user's terms; the rest keep YamlDotNet's words, tidied.
/// </summary>
internal static class SyntaxMessages
{
    private const string Prefix = "YAML syntax error: ";

    public const string UnclosedFlow = Prefix + "a '[' list or '{' mapping is not closed before this point";

    private static readonly (string Found, string Hint)[] Hints =
    [
        ("found invalid mapping", "a 'key: value' cannot start here: check the indentation, or quote a value that contains ': '"),
        ("mapping values are not allowed", "a 'key: value' cannot start here: check the indentation, or quote a value that contains ': '"),
        ("did not find expected key", "expected a 'key: value' line at this indentation: check the indentation"),
        ("did not find expected '-' indicator", "expected a '- ' list item at this indentation: check the indentation"),
        ("did not find expected ',' or '}'", "a '{' mapping is not closed: add '}', or a ',' between entries"),
        ("did not find expected ',' or ']'", "a '[' list is not closed: add ']', or a ',' between items"),
        ("quoted scalar, found wrong indentation", "a quoted string is not closed on its line: close the quote, or indent its next lines"),
        ("found unexpected end of stream", "the file ends inside a quoted string: close the quote"),
        ("found character that cannot start any token", "a value cannot start with this character: quote the value"),
        ("did not find expected <document start>", "unexpected text after the end of the document"),
        ("found unknown escape character", "unknown escape in a double-quoted string: use single quotes, or write '\\\\' for a backslash"),
    ];

    public static string Readable(string yamlDotNetMessage)
    {
        // "While scanning a quoted scalar, found unexpected end of stream." -> the part after the context.
        var message = yamlDotNetMessage.Trim().TrimEnd('.');
        var comma = message.StartsWith("While ", StringComparison.Ordinal) ? message.IndexOf(", ", StringComparison.Ordinal) : -1;
        var gist = comma < 0 ? message : message[(comma + 2)..];
        foreach (var (found, hint) in Hints)
        {
            if (message.Contains(found, StringComparison.OrdinalIgnoreCase))
            {
                return Prefix + hint;
            }
        }

        return Prefix + (gist.Length == 0 ? message : char.ToLowerInvariant(gist[0]) + gist[1..]);
    }
}

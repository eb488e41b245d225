namespace Topo.Core.Explain;

/// <summary>
/// Words for a POSIX shell. Interface names may hold characters a shell treats specially
/// (<c>;</c>, <c>$</c>, quotes), so anything beyond a safe set is single-quoted.
/// </summary>
public static class ShellWords
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '=' or ':' or ',' or '/' or '@' or '%')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

using System.Globalization;
using System.Text;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>Rules checked on the raw text before any YAML is read.</summary>
internal static class RawTextRules
{
    public const long MaxBytes = 1024 * 1024;

    public static Diagnostic TooLarge(long bytes) => new(
        new SourceMark(1, 1), "",
        string.Create(CultureInfo.InvariantCulture, $"the file is {bytes:N0} bytes; a lab file may be at most 1 MiB ({MaxBytes:N0} bytes)"));

    public static Diagnostic? Size(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > MaxBytes ? TooLarge(bytes) : null;
    }

    /// <summary>
    /// Any tab is refused, not only in indentation: a tab that looks like indentation but sits in
    /// a value or after a key changes the meaning silently, and editors show it differently.
    /// </summary>
    public static Diagnostic? FirstTab(string text)
    {
        var at = text.IndexOf('\t', StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var lineStart = text.LastIndexOf('\n', at) + 1;
        var line = text.AsSpan(0, at).Count('\n') + 1;
        return new Diagnostic(new SourceMark(line, at - lineStart + 1), "", "tab character; YAML is indented with spaces");
    }
}

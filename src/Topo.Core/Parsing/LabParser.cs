using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// Reads a lab file into a <see cref="LabFile"/>: shapes and types only (the validation stage
/// checks meaning). All problems are reported at once, in file order; when there is any, no
/// lab is returned.
/// </summary>
public static class LabParser
{
    private const char ByteOrderMark = '\uFEFF';

    public static ParseResult Parse(string text)
    {
        if ((RawTextRules.Size(text) ?? RawTextRules.FirstTab(text)) is { } rejected)
        {
            return Failed(rejected);
        }

        // YAML allows a byte order mark at the start; YamlDotNet would make it part of the first key.
        var tree = YamlTreeReader.Read(text.StartsWith(ByteOrderMark) ? text[1..] : text);
        if (tree.Error is not null)
        {
            return Failed(tree.Error);
        }

        if (tree.Root is null)
        {
            return Failed(new Diagnostic(new SourceMark(1, 1), "", "the file is empty: a lab file needs at least 'version: 1' and 'lab: NAME'"));
        }

        var problems = new Problems();
        var lab = LabFileReader.Read(tree.Root, problems);
        return !problems.Any && lab is not null ? new ParseResult(lab, []) : new ParseResult(null, problems.Sorted());
    }

    public static ParseResult ParseFile(string path)
    {
        string text;
        try
        {
            // Checked before reading, so a huge file costs nothing.
            var length = new FileInfo(path).Length;
            if (length > RawTextRules.MaxBytes)
            {
                return Failed(RawTextRules.TooLarge(length));
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Failed(new Diagnostic(new SourceMark(1, 1), "", $"cannot read the file: {e.Message}"));
        }

        return Parse(text);
    }

    private static ParseResult Failed(Diagnostic diagnostic) => new(null, [diagnostic]);
}

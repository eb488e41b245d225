namespace Topo.Linux.Remote;

/// <summary>
/// The lab file on a far side's standard input when more follows it (a held run's <c>go</c>): a first line
/// <c># topo-length N</c>, a YAML comment, then the file's N characters. Without that line, the file is all
/// of standard input, as before.
/// </summary>
public static class FramedFile
{
    private const string Header = "# topo-length ";

    public static string Frame(string text) => $"{Header}{text.Length}\n{text}";

    public static string Read(TextReader input)
    {
        var first = input.ReadLine();
        if (first is null) return "";
        if (!first.StartsWith(Header, StringComparison.Ordinal) || !int.TryParse(first.AsSpan(Header.Length), out var length))
            return first + "\n" + input.ReadToEnd();
        var buffer = new char[length];
        var read = input.ReadBlock(buffer, 0, length);
        return new string(buffer, 0, read);
    }
}

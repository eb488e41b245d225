namespace Topo.Core.Tests.Schema;

/// <summary>JSON pointers (RFC 6901) for error locations.</summary>
public static class JsonPointer
{
    // '~' and '/' would be ambiguous inside a segment, so the RFC escapes them; '~' first,
    // or the '~' of an escaped '/' would be escaped again.
    public static string Append(string pointer, string segment) =>
        pointer + "/" + segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace Topo.Core.Parsing;

/// <summary>Builds the PATH of a diagnostic: <c>bridges.docker0.subnet</c>, <c>links[3].endpoints[0]</c>.</summary>
internal static class DocumentPath
{
    public static string Key(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}

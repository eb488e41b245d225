namespace Topo.Linux.Namespaces;

/// <summary>Whether two namespace files name one namespace: nsfs gives each namespace one inode, whatever path leads to it.</summary>
internal static class NamespaceFile
{
    /// <summary>True when both files are there and are the same namespace.</summary>
    public static bool Same(string a, string b) => NativePath.TryIdentity(a) is { } x && NativePath.TryIdentity(b) is { } y && x == y;
}

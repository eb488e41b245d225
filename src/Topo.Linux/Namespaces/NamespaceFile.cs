using System.Text;
using Tmds.Linux;

namespace Topo.Linux.Namespaces;

/// <summary>Whether two namespace files name one namespace: nsfs gives each namespace one inode, whatever path leads to it.</summary>
internal static class NamespaceFile
{
    /// <summary>True when both files are there and are the same namespace.</summary>
    public static bool Same(string a, string b) => Identity(a) is { } x && Identity(b) is { } y && x == y;

    private static unsafe (ulong Dev, ulong Ino)? Identity(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        stat info;
        fixed (byte* p = bytes)
        {
            if (LibC.stat(p, &info) != 0) return null;
        }

        return ((ulong)info.st_dev, (ulong)info.st_ino);
    }
}

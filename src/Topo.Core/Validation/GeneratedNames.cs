using System.Globalization;
using System.Text;

namespace Topo.Core.Validation;

/// <summary>
/// Names for bridge-side veth ends the file leaves unnamed: <c>veth</c> and 8 hex digits of
/// FNV-1a over the lab and the link's other end. Nothing positional goes in, so the same file
/// gives the same names in every run and adding a link renames nothing.
/// </summary>
internal static class GeneratedNames
{
    public const string Prefix = "veth";

    /// <param name="attempt">0 first; a higher number only when an earlier name is already taken in the namespace.</param>
    public static string For(string lab, string otherEnd, int attempt)
    {
        var input = attempt == 0 ? $"{lab}\n{otherEnd}" : $"{lab}\n{otherEnd}\n{attempt}";
        return Prefix + Fnv1a(input).ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>32-bit FNV-1a: stable across processes, unlike string.GetHashCode.</summary>
    public static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 16777619u;
        }

        return hash;
    }
}

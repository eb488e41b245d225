namespace Topo.Core.State;

/// <summary>
/// Namespace names as resources use them: the root namespace is the empty string, a node's own
/// namespace its name, and an existing namespace a node attaches to the absolute path of its file.
/// </summary>
public static class Netns
{
    public const string Host = "";

    public static string Display(string ns) => ns.Length == 0 ? "host" : ns;

    /// <summary>A namespace topo opens by its path and never makes or deletes (<c>/proc/PID/ns/net</c>).</summary>
    public static bool IsAttached(string ns) => ns.StartsWith('/');

    /// <summary>A named namespace that the lab makes and marks (neither the host nor an attached one).</summary>
    public static bool IsNamed(string ns) => ns.Length != 0 && !IsAttached(ns);
}

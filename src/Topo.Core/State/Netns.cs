namespace Topo.Core.State;

/// <summary>Namespace names as resources use them: the root namespace is the empty string.</summary>
public static class Netns
{
    public const string Host = "";

    public static string Display(string ns) => ns.Length == 0 ? "host" : ns;
}

namespace Topo.Core.State;

/// <summary>The mark topo writes into the kernel (interface alias, loopback alias of a namespace).</summary>
public static class Ownership
{
    public const string Prefix = "topo:";

    public static string Mark(string lab) => Prefix + lab;

    /// <summary>The lab named by an alias, or <c>null</c> when the alias is not topo's.</summary>
    public static string? LabOf(string? alias) =>
        alias is not null && alias.StartsWith(Prefix, StringComparison.Ordinal) && alias.Length > Prefix.Length
            ? alias[Prefix.Length..]
            : null;
}

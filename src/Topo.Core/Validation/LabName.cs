namespace Topo.Core.Validation;

/// <summary>
/// The one rule for a lab's name, whether a file's <c>lab:</c> or a command's <c>--lab</c> gives it: the name
/// marks everything the lab makes (<c>topo:LAB</c>, the table <c>topo-LAB</c>) and names its files under
/// /run/topo, so it must be safe in all of them.
/// </summary>
public static class LabName
{
    public const int MaxLength = 12;

    public static bool IsValid(string name) => NameRules.IsSimpleName(name, MaxLength);

    /// <summary>For a name <see cref="IsValid"/> refused.</summary>
    internal static string Message(string name) =>
        NameRules.Unseen(name) is { } unseen
            ? $"lab name '{NameRules.Shown(name)}' {unseen}"
            : $"lab name '{name}' must match [a-z][a-z0-9-]* and be at most {MaxLength} characters (e.g. 'dockerish')";
}

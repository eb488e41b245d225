using System.Globalization;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// Reads a value as a string, an integer or a boolean, or says what was found instead.
/// Integers and booleans must be plain (unquoted): a quoted "1400" was written as text, and
/// silently taking it as a number would hide the mistake in a file meant to be exact.
/// </summary>
internal static class ScalarValues
{
    private const int ShownLength = 40;

    public static Located<string>? String(YamlValue value, string path, Problems problems)
    {
        if (value is YamlScalar { IsNull: false } scalar)
        {
            return new Located<string>(scalar.Text, scalar.Mark);
        }

        problems.Add(value.Mark, path, $"expected a string, got {Describe(value)}");
        return null;
    }

    public static Located<int>? Int(YamlValue value, string path, Problems problems)
    {
        if (value is YamlScalar { IsPlain: true } plain && LooksLikeInteger(plain.Text))
        {
            if (int.TryParse(plain.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                return new Located<int>(number, plain.Mark);
            }

            problems.Add(value.Mark, path, $"expected an integer, got {Describe(value)}, which is out of range");
            return null;
        }

        problems.Add(value.Mark, path, value is YamlScalar { IsPlain: false } quoted && LooksLikeInteger(quoted.Text)
            ? $"expected an integer, got the quoted string {Describe(value)}: write it without quotes"
            : $"expected an integer, got {Describe(value)}");
        return null;
    }

    public static Located<bool>? Bool(YamlValue value, string path, Problems problems)
    {
        if (value is YamlScalar scalar && scalar.Text is "true" or "false")
        {
            if (scalar.IsPlain)
            {
                return new Located<bool>(scalar.Text == "true", scalar.Mark);
            }

            problems.Add(value.Mark, path, $"expected true or false, got the quoted string {Describe(value)}: write it without quotes");
            return null;
        }

        problems.Add(value.Mark, path, $"expected true or false, got {Describe(value)}");
        return null;
    }

    /// <summary>How a value is named in "got ...": <c>'abc'</c>, <c>a list</c>, <c>nothing</c>.</summary>
    public static string Describe(YamlValue value) => value switch
    {
        YamlMap => "a mapping",
        YamlList => "a list",
        YamlScalar { IsNull: true, Text: "" } => "nothing",
        YamlScalar { IsNull: true } => "null",
        YamlScalar scalar => $"'{Shown(scalar.Text)}'",
        _ => "an unknown value",
    };

    private static string Shown(string text)
    {
        var oneLine = text.Replace("\n", "\\n", StringComparison.Ordinal);
        return oneLine.Length <= ShownLength ? oneLine : oneLine[..(ShownLength - 3)] + "...";
    }

    private static bool LooksLikeInteger(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') || text.StartsWith('+') ? 1 : 0);
        return !digits.IsEmpty && digits.IndexOfAnyExceptInRange('0', '9') < 0;
    }
}

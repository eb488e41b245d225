using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Topo.Core.Tests.Schema;

/// <summary>
/// What a plain (unquoted) YAML scalar means under the YAML 1.2 core schema, which is what
/// yaml-language-server applies. Unlike YAML 1.1, 'yes', 'on' and '8080:80' stay strings.
/// </summary>
public static partial class CoreScalars
{
    public static void Write(string text, Utf8JsonWriter json)
    {
        if (text is "" or "~" or "null" or "Null" or "NULL")
            json.WriteNullValue();
        else if (text is "true" or "True" or "TRUE")
            json.WriteBooleanValue(true);
        else if (text is "false" or "False" or "FALSE")
            json.WriteBooleanValue(false);
        else if (Integer(text) is { } integer)
            // Raw, so that an integer too large for long keeps its value instead of failing here.
            json.WriteRawValue(integer.ToString(CultureInfo.InvariantCulture));
        else if (FloatPattern().IsMatch(text) && double.Parse(text, CultureInfo.InvariantCulture) is var number && double.IsFinite(number))
            json.WriteNumberValue(number);
        else
            // .inf and .nan are core floats too, but JSON has no way to write them; as strings
            // they still fail any "integer" or "number" in the schema.
            json.WriteStringValue(text);
    }

    private static BigInteger? Integer(string text)
    {
        if (DecimalPattern().IsMatch(text))
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (HexPattern().IsMatch(text))
            // The leading 0 keeps BigInteger from reading a high first digit as a sign bit.
            return BigInteger.Parse("0" + text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        if (OctalPattern().IsMatch(text))
            return text[2..].Aggregate(BigInteger.Zero, (value, digit) => value * 8 + (digit - '0'));
        return null;
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalPattern();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexPattern();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}

using System.Globalization;
using System.Text.RegularExpressions;
using Topo.Core.Kinds;
using Topo.Core.Model;

namespace Topo.Core.Validation;

/// <summary>
/// The values of <c>conditions:</c> in tc's units, to the kernel's: times (<c>10ms</c>, <c>1.5s</c>, <c>250us</c>) to
/// microseconds, percentages (<c>1%</c>, <c>0.1%</c>) to netem's u32 share, rates (<c>10mbit</c>, <c>500kbit</c>,
/// <c>1gbit</c>, <c>100kbps</c> in bytes, <c>1mibit</c>) to bytes a second. Each reports its own mistake and gives null.
/// </summary>
internal static partial class ConditionValues
{
    private static readonly Dictionary<string, decimal> TimeUnits = new(StringComparer.Ordinal)
    {
        ["s"] = 1_000_000, ["sec"] = 1_000_000, ["secs"] = 1_000_000,
        ["ms"] = 1_000, ["msec"] = 1_000, ["msecs"] = 1_000,
        ["us"] = 1, ["usec"] = 1, ["usecs"] = 1,
    };

    // In bits a second, as tc's get_rate reads them (case aside): SI prefixes in powers of 1000, IEC ones in 1024, *bps in bytes.
    private static readonly Dictionary<string, decimal> RateUnits = BuildRateUnits();

    public static long? Time(Located<string> value, string path, Problems problems)
    {
        if (Number().Match(value.Value) is not { Success: true } m || !TimeUnits.TryGetValue(m.Groups[2].Value, out var scale))
        {
            problems.Add(value.Mark, path, $"'{value.Value}' is not a time as tc writes one (write e.g. 10ms, 1.5s or 250us)");
            return null;
        }

        var us = Parse(m) * scale;
        if (us != decimal.Truncate(us))
        {
            problems.Add(value.Mark, path, $"'{value.Value}' is finer than a microsecond, the finest time tc takes");
            return null;
        }

        if (us > Conditions.MaxTimeUs)
        {
            problems.Add(value.Mark, path, $"'{value.Value}' is longer than netem's 32-bit count of ticks holds (at most {Conditions.Time(Conditions.MaxTimeUs)})");
            return null;
        }

        return (long)us;
    }

    public static uint? Percent(Located<string> value, string path, Problems problems)
    {
        if (Number().Match(value.Value) is not { Success: true } m || m.Groups[2].Value != "%")
        {
            problems.Add(value.Mark, path, $"'{value.Value}' is not a percentage (write e.g. 1% or 0.1%)");
            return null;
        }

        var percent = Parse(m);
        if (percent > 100)
        {
            problems.Add(value.Mark, path, $"{value.Value} is more than 100%: a probability is at most 100%");
            return null;
        }

        // As tc: the share of UINT32_MAX, rounded to the nearest (rint).
        return (uint)Math.Round(percent / 100 * uint.MaxValue, MidpointRounding.ToEven);
    }

    public static ulong? Rate(Located<string> value, string path, Problems problems)
    {
        if (Number().Match(value.Value) is not { Success: true } m || !RateUnits.TryGetValue(m.Groups[2].Value.ToLowerInvariant(), out var scale))
        {
            problems.Add(value.Mark, path, $"'{value.Value}' is not a rate as tc writes one (write e.g. 10mbit, 500kbit, 1gbit, or 100kbps in bytes)");
            return null;
        }

        var bits = Parse(m) * scale;
        // As tc: whole bytes a second, the rest dropped.
        var bytes = decimal.Truncate(bits / 8);
        if (bytes < Conditions.MinRate)
        {
            problems.Add(value.Mark, path, $"rate {value.Value} is below {Conditions.RateText(Conditions.MinRate)}, the slowest rate topo shapes to");
            return null;
        }

        if (bytes > ulong.MaxValue)
        {
            problems.Add(value.Mark, path, $"rate {value.Value} is more than tc's 64-bit rate holds");
            return null;
        }

        return (ulong)bytes;
    }

    private static decimal Parse(Match m) => decimal.Parse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static Dictionary<string, decimal> BuildRateUnits()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["bit"] = 1, ["bps"] = 8 };
        string[] si = ["k", "m", "g", "t"], iec = ["ki", "mi", "gi", "ti"];
        for (var i = 0; i < si.Length; i++)
        {
            var power = i + 1;
            units[si[i] + "bit"] = Pow(1000, power);
            units[si[i] + "bps"] = Pow(1000, power) * 8;
            units[iec[i] + "bit"] = Pow(1024, power);
            units[iec[i] + "bps"] = Pow(1024, power) * 8;
        }

        return units;
    }

    private static decimal Pow(decimal b, int n) => n == 0 ? 1 : b * Pow(b, n - 1);

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)([a-zA-Z%]*)$")]
    private static partial Regex Number();
}

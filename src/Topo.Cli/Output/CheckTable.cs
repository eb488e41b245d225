using System.Globalization;
using System.Text;
using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Probes;

namespace Topo.Cli.Output;

/// <summary>
/// <c>topo check</c> as text: one row per check (ok or FAIL, from, to, expected, seen, time),
/// then a summary line. A TCP/UDP row whose target port had no listener says where topo put one.
/// </summary>
public static class CheckTable
{
    private static readonly string[] Header = ["", "FROM", "TO", "EXPECT", "SEEN", "TIME"];

    public static string Render(IReadOnlyList<CheckResult> results)
    {
        if (results.Count == 0) return "No checks in the file.\n";
        var rows = results.Select(Row).Prepend(Header).ToList();
        var widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
            text.Append(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        var failed = results.Count(r => !r.Holds);
        text.Append(failed == 0 ? results.Count == 1 ? "The check holds.\n" : $"All {results.Count} checks hold.\n" : $"{failed} of {Counted.Of(results.Count, "check", "checks")} failed.\n");
        return text.ToString();
    }

    public static string Target(CheckResult r)
    {
        var check = r.Check;
        // An IPv6 address with a port is bracketed, as in to: ([fd00:22::3]:80), so the port reads apart from the address.
        var address = check.Port is { } port ? check.Address.Contains(':') ? $"[{check.Address}]:{port}" : $"{check.Address}:{port}" : check.Address;
        var shown = check.ToText == address || check.ToText == check.Address ? address : $"{check.ToText} ({address})";
        return $"{shown} {check.Protocol}";
    }

    public static string Expected(CheckResult r) => r.Check.ExpectText;

    public static string SeenText(CheckResult r)
    {
        var seen = r.RefusedFailure is { } why ? $"{r.Probe.Detail} ({why})" : r.Probe.Detail;
        return r.StandIn is null ? seen : $"{seen} [stand-in listener on {r.StandIn}]";
    }

    public static string Time(CheckResult r) => r.Probe.Elapsed < TimeSpan.FromSeconds(1)
        ? r.Probe.Elapsed.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + "ms"
        : r.Probe.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s";

    private static string[] Row(CheckResult r) =>
        [r.Holds ? "ok" : "FAIL", r.Check.FromShown, Target(r), Expected(r), SeenText(r), Time(r)];
}

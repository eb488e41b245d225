using Topo.Core.Kinds;
using Topo.Core.State;
using Topo.Linux.Probes;

namespace Topo.Cli.Output;

/// <summary>
/// <c>check --output json</c>: <c>{"lab", "ok", "checks": [{from, fromNamespace, to, address, protocol, port, expect,
/// seen, detail, standIn, holds, timeMs}]}</c>; <c>seen</c> is answer, refused, unreachable, no-answer or error.
/// </summary>
public static class CheckTableJson
{
    public static string Write(string lab, IReadOnlyList<CheckResult> results) => OutputJsonContext.Write(
        new CheckDocument(lab, results.All(r => r.Holds),
        [
            .. results.Select(r => new CheckRowDocument(
                r.Check.FromText,
                r.Check.FromNamespace.Display,
                r.Check.ToText,
                r.Check.Address,
                r.Check.Protocol,
                r.Check.Port,
                CheckTable.Expected(r),
                r.Probe.Seen == Seen.NoAnswer ? "no-answer" : r.Probe.Seen.ToString().ToLowerInvariant(),
                r.Probe.Detail,
                r.StandIn,
                r.Holds,
                Math.Round(r.Probe.Elapsed.TotalMilliseconds, 1))),
        ]),
        c => c.CheckDocument);
}

internal sealed record CheckDocument(string Lab, bool Ok, IReadOnlyList<CheckRowDocument> Checks);

internal sealed record CheckRowDocument(
    string From,
    string FromNamespace,
    string To,
    string Address,
    string Protocol,
    int? Port,
    string Expect,
    string Seen,
    string Detail,
    string? StandIn,
    bool Holds,
    double TimeMs);

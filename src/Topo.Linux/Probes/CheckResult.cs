using Topo.Core.Validation;

namespace Topo.Linux.Probes;

/// <summary>
/// One check and what its probe saw; it holds when reaching matched the expectation. A probe that
/// could not run holds neither way. <see cref="StandIn"/> names the stand-in listener (NS:PORT/PROTO) the check met, if any.
/// </summary>
public sealed record CheckResult(ResolvedCheck Check, ProbeResult Probe, string? StandIn)
{
    public bool Holds => Probe.Seen != Seen.Error && (Check.ExpectRefused ? Probe.Closed : Probe.Reached == Check.ExpectReach);

    /// <summary>Why an <c>expect: refused</c> check failed, in the words a firewall user knows; null otherwise.</summary>
    public string? RefusedFailure => !Check.ExpectRefused || Holds ? null : Probe.Seen switch
    {
        Seen.NoAnswer => "filtered: dropped without a reset or ICMP unreachable",
        Seen.Answer => "open: it answered, so not refused",
        Seen.Unreachable => "not a refusal from the target",
        _ => null,
    };
}

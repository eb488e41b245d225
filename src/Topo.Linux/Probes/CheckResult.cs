using Topo.Core.Validation;

namespace Topo.Linux.Probes;

/// <summary>
/// One check and what its probe saw; it holds when reaching matched the expectation. A probe that
/// could not run holds neither way. <see cref="StandIn"/> names the stand-in listener (NS:PORT/PROTO) the check met, if any.
/// </summary>
public sealed record CheckResult(ResolvedCheck Check, ProbeResult Probe, string? StandIn)
{
    public bool Holds => Probe.Seen != Seen.Error && Probe.Reached == Check.ExpectReach;
}

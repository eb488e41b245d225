using System.Collections.Immutable;

namespace Topo.Core.Trace;

/// <summary>How a trace ended.</summary>
public enum TraceOutcome
{
    Delivered,
    Dropped,
    NoRoute,
    NoNeighbour,
    Lost,
}

/// <summary>A rule of nftables the probe met in one namespace, with its verdict and what in the lab file made it.</summary>
public sealed record TraceRule(string Table, string Chain, string Text, string Verdict, string? Origin);

/// <summary>
/// The probe in one namespace: how it came in (or that it was sent there), the bridge it crossed to get
/// there, the route the kernel looked up, the rules it met, the NAT it got and how it went on.
/// </summary>
public sealed record TraceHop(
    string Namespace,
    string? In,
    string? Crossed,
    string? Route,
    ImmutableArray<TraceRule> Rules,
    ImmutableArray<string> Nat,
    string? Out);

/// <summary>The whole trace: the probe, the hops in order, and the answer in words.</summary>
public sealed record TraceReport(string From, string To, string Protocol, ImmutableArray<TraceHop> Hops, TraceOutcome Outcome, string Answer);

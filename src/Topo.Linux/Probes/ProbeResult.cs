namespace Topo.Linux.Probes;

/// <summary>What came back from one probe, from the prober's side.</summary>
public enum Seen
{
    /// <summary>An echo reply, a completed TCP handshake, or a UDP reply.</summary>
    Answer,

    /// <summary>A TCP RST or an ICMP port unreachable: a host answered, but nothing listens there.</summary>
    Refused,

    /// <summary>An ICMP error (host/net unreachable, time exceeded) or no route at all.</summary>
    Unreachable,

    /// <summary>Silence until the timeout: dropped somewhere, or lost.</summary>
    NoAnswer,

    /// <summary>The probe could not be sent (the namespace is missing, a socket was refused).</summary>
    Error,
}

/// <summary>
/// One probe's outcome: the kind, a short human description ("reply from 10.0.0.2") and how long it took.
/// <see cref="HostUnreachable"/> marks the one <see cref="Seen.Unreachable"/> that still says "closed": a host unreachable.
/// </summary>
public sealed record ProbeResult(Seen Seen, string Detail, TimeSpan Elapsed, bool HostUnreachable = false)
{
    /// <summary>Closed, not filtered: a RST or ICMP port unreachable, or a host unreachable, came back (what <c>expect: refused</c> wants).</summary>
    public bool Closed => Seen == Seen.Refused || (Seen == Seen.Unreachable && HostUnreachable);

    /// <summary>Reach means a real answer: for ICMP an echo reply, for TCP a handshake, for UDP a datagram back.</summary>
    public bool Reached => Seen == Seen.Answer;
}

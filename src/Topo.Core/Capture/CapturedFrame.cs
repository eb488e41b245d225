namespace Topo.Core.Capture;

/// <summary>
/// One frame as a packet socket handed it over: when the kernel saw it (nanoseconds since 1970, UTC), whether the
/// interface sent it or received it, its bytes from the Ethernet header on (at most the snapshot length), and how
/// long it really was.
/// </summary>
public sealed record CapturedFrame(long UnixNanoseconds, bool Outgoing, byte[] Data, int OriginalLength)
{
    public DateTimeOffset Time => DateTimeOffset.UnixEpoch.AddTicks(UnixNanoseconds / 100);

    /// <summary>The nanoseconds within the second, which <see cref="DateTimeOffset"/> cannot hold.</summary>
    public int Nanoseconds => (int)(UnixNanoseconds % 1_000_000_000);
}

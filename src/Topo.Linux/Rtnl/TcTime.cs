namespace Topo.Linux.Rtnl;

/// <summary>
/// The scheduler's clock as tc computes with it. The kernel counts qdisc times in ticks of 64 ns (PSCHED_SHIFT 6), which
/// /proc/net/psched advertises as 1000 ticks-to-us over 64 us-to-ticks at a clock of 1 MHz: tc's tick_in_usec is 15.625.
/// Sizes become times as tc_calc_xmittime does it: whole microseconds first (tc's TIME_UNITS_PER_SEC), then ticks.
/// </summary>
public static class TcTime
{
    public const double TicksPerMicrosecond = 15.625;

    private const int TickShift = 6;

    /// <summary>tbf's rate table assumes packets up to this size when no MTU is given, as tc does.</summary>
    private const uint DefaultMtu = 2047;

    private const int RateTableSize = 256;

    /// <summary>Nanoseconds to ticks, as the kernel's PSCHED_NS2TICKS (and tc, from microseconds, to the same count).</summary>
    public static uint Ticks(long ns) => (uint)Math.Min(ns >> TickShift, uint.MaxValue);

    /// <summary>Ticks to nanoseconds, as the kernel's PSCHED_TICKS2NS.</summary>
    public static long Nanoseconds(uint ticks) => (long)ticks << TickShift;

    /// <summary>How long <paramref name="size"/> bytes take at <paramref name="rate"/> bytes a second, in ticks.</summary>
    public static uint TransmitTicks(ulong rate, uint size)
    {
        var us = (long)(1_000_000 * ((double)size / rate));
        return (uint)(long)(us * TicksPerMicrosecond);
    }

    /// <summary>
    /// tbf's rate table: the time to send each size of packet, 256 cells as wide as fits <see cref="DefaultMtu"/>
    /// (cell i for packets up to (i+1) cells, as tc's tc_calc_rtable on an Ethernet link).
    /// </summary>
    public static (uint[] Table, byte CellLog) RateTable(ulong rate)
    {
        byte cellLog = 0;
        while ((DefaultMtu >> cellLog) > RateTableSize - 1) cellLog++;
        var table = new uint[RateTableSize];
        for (var i = 0; i < RateTableSize; i++) table[i] = TransmitTicks(rate, (uint)(i + 1) << cellLog);
        return (table, cellLog);
    }
}

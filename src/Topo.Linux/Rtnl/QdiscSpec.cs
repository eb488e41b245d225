namespace Topo.Linux.Rtnl;

/// <summary>netem's settings in the kernel's units: times in nanoseconds, probabilities as shares of 2^32-1, the rate in bytes a second (0: none).</summary>
/// <param name="Limit">How many packets netem holds back at once (tc's default: 1000).</param>
public sealed record NetemOptions(long LatencyNs, long JitterNs, uint Loss, uint Duplicate, uint Corrupt, ulong Rate, uint Limit = NetemOptions.DefaultLimit)
{
    public const uint DefaultLimit = 1000;
}

/// <summary>tbf's settings: the rate and the bucket (<see cref="Burst"/>) in bytes a second and bytes, the queue's <see cref="Limit"/> in bytes.</summary>
public sealed record TbfOptions(ulong Rate, uint Burst, uint Limit)
{
    /// <summary>The limit tc computes from a latency: what the rate sends in that time, plus the burst.</summary>
    public static TbfOptions WithLatency(ulong rate, uint burst, long latencyUs) =>
        new(rate, burst, (uint)Math.Min(rate * (double)latencyUs / 1_000_000 + burst, uint.MaxValue));
}

/// <summary>The root qdisc wanted on an interface: netem or tbf, with its settings.</summary>
public sealed record QdiscSpec(string Device, NetemOptions? Netem, TbfOptions? Tbf)
{
    public string Kind => Netem is not null ? "netem" : "tbf";

    public override string ToString() => $"{Kind} on '{Device}'";
}

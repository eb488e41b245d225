using System.Globalization;
using System.Text;

namespace Topo.Core.Kinds;

/// <summary>
/// The conditions of one interface's egress, in the units the kernel keeps them: times in microseconds (tc's
/// TIME_UNITS_PER_SEC), probabilities as a share of 2^32-1 (netem's u32, 100% = 0xffffffff), the rate in bytes a second
/// (tc_ratespec's unit; 0 = no limit). A file's text and a qdisc read back both come to this, so both show the same text.
/// </summary>
public sealed record Conditions(long DelayUs, long JitterUs, uint Loss, uint Duplicate, uint Corrupt, ulong Rate)
{
    public const string None = "none";

    /// <summary>The longest time: netem's 32-bit count of 64 ns scheduler ticks holds a little more (274.877906 s).</summary>
    public const long MaxTimeUs = 274_000_000;

    /// <summary>The slowest rate: below it, tbf's burst (<see cref="TbfBurst"/>) takes longer to send than its 32-bit tick count holds.</summary>
    public const ulong MinRate = 125;

    /// <summary>How long a packet may wait in tbf's queue: its limit is what the rate sends in this time, plus the burst.</summary>
    public const long TbfLatencyUs = 50_000;

    /// <summary>The smallest burst tbf is given: a full-size frame of a jumbo MTU fits, with room.</summary>
    public const uint MinTbfBurst = 16_384;

    /// <summary>Anything netem alone does: delay, jitter, loss, duplication, corruption. A rate alone is tbf's.</summary>
    public bool IsNetem => DelayUs > 0 || JitterUs > 0 || Loss > 0 || Duplicate > 0 || Corrupt > 0;

    public bool IsEmpty => !IsNetem && Rate == 0;

    /// <summary>The qdisc that makes them: <c>netem</c>, or <c>tbf</c> for a rate alone.</summary>
    public string Qdisc => IsNetem ? "netem" : "tbf";

    /// <summary>tbf's bucket: 10 ms of the rate, and at least <see cref="MinTbfBurst"/> bytes.</summary>
    public uint TbfBurst => (uint)Math.Clamp(Rate / 100, MinTbfBurst, uint.MaxValue);

    /// <summary>As tc writes its options after the qdisc's name: <c>delay 10ms 2ms loss 1% rate 1mbit</c>.</summary>
    public string Words
    {
        get
        {
            var words = new StringBuilder();
            void Add(string word) => words.Append(words.Length == 0 ? "" : " ").Append(word);
            if (DelayUs > 0 || JitterUs > 0) Add($"delay {Time(DelayUs)}" + (JitterUs > 0 ? $" {Time(JitterUs)}" : ""));
            if (Loss > 0) Add($"loss {Percent(Loss)}");
            if (Duplicate > 0) Add($"duplicate {Percent(Duplicate)}");
            if (Corrupt > 0) Add($"corrupt {Percent(Corrupt)}");
            if (Rate > 0) Add($"rate {RateText(Rate)}");
            return words.ToString();
        }
    }

    /// <summary>The value of each key as plans and diffs show it, <see cref="None"/> where it is not set.</summary>
    public IEnumerable<(string Key, string Value)> Values =>
    [
        ("delay", DelayUs > 0 ? Time(DelayUs) : None),
        ("jitter", JitterUs > 0 ? Time(JitterUs) : None),
        ("loss", Loss > 0 ? Percent(Loss) : None),
        ("duplicate", Duplicate > 0 ? Percent(Duplicate) : None),
        ("corrupt", Corrupt > 0 ? Percent(Corrupt) : None),
        ("rate", Rate > 0 ? RateText(Rate) : None),
    ];

    /// <summary><c>1.5s</c>, <c>10ms</c>, <c>250us</c>: the largest unit it is at least one of and exact in to three decimals.</summary>
    public static string Time(long us) =>
        us >= 1_000_000 && us % 1_000 == 0 ? Scaled(us, 1_000_000, "s") : us >= 1_000 ? Scaled(us, 1_000, "ms") : $"{us.ToString(CultureInfo.InvariantCulture)}us";

    /// <summary>A probability as a percentage to six decimals: <c>1%</c>, <c>0.5%</c>.</summary>
    public static string Percent(uint probability) =>
        Math.Round(probability * 100.0 / uint.MaxValue, 6).ToString("0.######", CultureInfo.InvariantCulture) + "%";

    /// <summary>A rate in bits a second, as tc writes it: <c>10mbit</c>, <c>1.5gbit</c>, <c>500kbit</c>.</summary>
    public static string RateText(ulong bytesPerSecond)
    {
        var bits = (decimal)bytesPerSecond * 8;
        foreach (var (size, unit) in new[] { (1e12m, "tbit"), (1e9m, "gbit"), (1e6m, "mbit"), (1e3m, "kbit") })
        {
            if (bits >= size && bits * 1000 / size == decimal.Truncate(bits * 1000 / size))
                return (bits / size).ToString("0.###", CultureInfo.InvariantCulture) + unit;
        }

        return bits.ToString(CultureInfo.InvariantCulture) + "bit";
    }

    private static string Scaled(long us, long unit, string name) =>
        ((decimal)us / unit).ToString("0.###", CultureInfo.InvariantCulture) + name;
}

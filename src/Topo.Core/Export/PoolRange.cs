using Topo.Core.Validation;

namespace Topo.Core.Export;

/// <summary>
/// The <c>ip_range</c> a bridge's automatic addresses show: the pool hands out a range's first usable address
/// first, so the lowest of them is one past the start of the range, and the widest block that starts there is
/// the one people write (Docker's <c>--ip-range 172.21.240.0/20</c> gives 172.21.240.1 first). It is only a guess;
/// the exporter keeps it only when the file it gives says the same as the kernel.
/// </summary>
internal static class PoolRange
{
    /// <summary>The range inside <paramref name="subnet"/> whose first usable address is <paramref name="lowest"/>, or null when there is none narrower than the subnet.</summary>
    public static string? Starting(string subnet, string lowest)
    {
        if (Cidr.Parse(subnet) is not { } net || Ip.Parse(lowest) is not { } first || !net.Contains(first) || first.Value == 0) return null;
        var start = first with { Value = first.Value - 1 };
        // A range from the subnet's own start hands out what the subnet does: nothing to write.
        if (start == net.First) return null;
        // Down to the narrowest block that still reserves its ends, so that its first usable address is the one after its start.
        for (var prefix = net.Prefix + 1; prefix < start.Bits - 1; prefix++)
        {
            var block = new Cidr(start, prefix);
            if (block.IsNetwork) return block.ToString();
        }

        return null;
    }
}

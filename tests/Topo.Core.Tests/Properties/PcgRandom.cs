using CsCheck;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// The generators draw their choices through <see cref="Random"/>'s API; this one takes them from
/// CsCheck's PCG, so that a lab is named by CsCheck's seed, which replays it and lets CsCheck shrink.
/// </summary>
internal sealed class PcgRandom(PCG pcg) : Random
{
    public override int Next() => (int)pcg.Next(int.MaxValue);

    public override int Next(int maxValue) => maxValue <= 1 ? 0 : (int)pcg.Next((uint)maxValue);

    public override int Next(int minValue, int maxValue) => minValue + Next(maxValue - minValue);

    // Whatever else Random offers reaches here, so no choice comes from Random's own seed.
    protected override double Sample() => pcg.Next() / (uint.MaxValue + 1.0);
}

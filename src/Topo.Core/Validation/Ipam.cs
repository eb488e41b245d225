namespace Topo.Core.Validation;

/// <summary>
/// Hands out a bridge's automatic addresses, lowest usable first, skipping every address the
/// lab names anywhere. A cursor, not a scan from the start each time: a /16 with thousands
/// of nodes costs one pass.
/// </summary>
internal sealed class Ipam(Cidr subnet, Cidr pool, IReadOnlySet<Ip> taken)
{
    private readonly UInt128 _last = UInt128.Min(subnet.LastUsable.Value, pool.LastUsable.Value);
    private UInt128 _next = UInt128.Max(subnet.FirstUsable.Value, pool.FirstUsable.Value);

    // Counting past ffff:...:ffff would wrap to zero and start over.
    private bool _done;

    /// <summary>The next free address with the subnet's prefix, or null when the pool is used up.</summary>
    public Cidr? Next()
    {
        while (!_done && _next <= _last)
        {
            var ip = subnet.Address with { Value = _next };
            if (_next == _last) _done = true;
            else _next++;
            if (!taken.Contains(ip)) return new Cidr(ip, subnet.Prefix);
        }

        _done = true;
        return null;
    }
}

using System.Collections.Immutable;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// A generated bridge with the addressing the generator knows for it: an IPv4 subnet, an IPv6 one, both
/// (dual stack) or none. Bridge number N gets networks no other part of a generated lab uses:
/// 10.(N+1).0.0/16 or 172.(16+N).0.0/24, and fd10:N::/64 or fd11:N::/120; without a subnet, 172.31.N.0/24
/// (its own address) and 172.30.N.0/24 (its nodes).
/// </summary>
internal sealed class BridgeChoice
{
    // Explicit node addresses count up from a fixed host part; at most this many keeps them clear of a written gateway.
    private const int MaxExplicit = 50;

    private readonly int _index;
    private readonly Random _random;
    private readonly Width _v4;
    private readonly Width _v6;
    private readonly ImmutableDictionary<bool, string> _gateways;
    private int _explicit;

    private enum Width
    {
        None,
        Wide,
        Narrow,
    }

    public BridgeChoice(int index, string name, string? node, Random random, bool ipv6Subnet)
    {
        _index = index;
        _random = random;
        _v4 = random.Next(3) switch { 0 => Width.Wide, 1 => Width.Narrow, _ => Width.None };
        _v6 = !ipv6Subnet || random.Next(2) == 0 ? Width.None : random.Next(2) == 0 ? Width.Wide : Width.Narrow;
        var families = new[] { false, true }.Where(v6 => WidthOf(v6) != Width.None).ToList();

        // A written gateway is of one family; the other keeps its subnet's first usable address.
        bool? written = families.Count > 0 && random.Next(4) == 0 ? families[random.Next(families.Count)] : null;
        _gateways = families.ToImmutableDictionary(v6 => v6, v6 => Gateway(v6, written == v6));
        var subnets = families.Select(Subnet).ToList();
        var ranges = families.Where(_ => random.Next(3) == 0).Select(Range).ToList();
        // The spec takes the families in either order.
        if (random.Next(4) == 0) subnets.Reverse();
        if (random.Next(4) == 0) ranges.Reverse();
        var address = families.Count == 0
            ? random.Next(2) == 0 ? $"172.31.{index}.1/24" : null
            : written is { } family ? WrittenGateway(family) : null;
        Draft = new BridgeDraft(
            name,
            node,
            [.. subnets],
            address,
            [.. ranges],
            families.Count == 0 ? Maybe(false) : Maybe(random.Next(2) == 0),
            Maybe(random.Next(2) == 0),
            random.Next(4) == 0 ? Mtus.Pick(random) : null,
            AsList: random.Next(3) == 0);
    }

    public BridgeDraft Draft { get; }

    /// <summary>The bridge's own address in its subnet of that family, which its nodes can route through; null without one.</summary>
    public string? GatewayOf(bool v6) => _gateways.GetValueOrDefault(v6);

    public bool HasAddress => Draft.Address is not null || Draft.HasSubnet;

    /// <summary>
    /// Fresh addresses for a node end on this bridge, inside its subnets with their prefixes: of one family or,
    /// on a dual-stack bridge, sometimes both; empty when none are left.
    /// </summary>
    public ImmutableArray<string> NextExplicit()
    {
        if (_explicit >= MaxExplicit) return [];
        var k = _explicit++;
        if (!Draft.HasSubnet) return [$"172.30.{_index}.{k + 1}/24"];

        var families = Draft.Families.ToList();
        List<bool> chosen = families.Count == 1 ? families : _random.Next(3) switch { 0 => [false], 1 => [true], _ => families };
        return [.. chosen.Select(v6 => Explicit(v6, k))];
    }

    private Width WidthOf(bool v6) => v6 ? _v6 : _v4;

    private string Subnet(bool v6) => (v6, WidthOf(v6)) switch
    {
        (false, Width.Wide) => $"10.{_index + 1}.0.0/16",
        (false, _) => $"172.{16 + _index}.0.0/24",
        (true, Width.Wide) => $"fd10:{_index:x}::/64",
        (true, _) => $"fd11:{_index:x}::/120",
    };

    private int PrefixOf(bool v6) => (v6, WidthOf(v6)) switch
    {
        (false, Width.Wide) => 16,
        (false, _) => 24,
        (true, Width.Wide) => 64,
        (true, _) => 120,
    };

    private string Gateway(bool v6, bool written) => (v6, WidthOf(v6)) switch
    {
        (false, Width.Wide) => written ? $"10.{_index + 1}.0.254" : $"10.{_index + 1}.0.1",
        (false, _) => written ? $"172.{16 + _index}.0.254" : $"172.{16 + _index}.0.1",
        (true, Width.Wide) => written ? $"fd10:{_index:x}::fffe" : $"fd10:{_index:x}::1",
        (true, _) => written ? $"fd11:{_index:x}::fe" : $"fd11:{_index:x}::1",
    };

    // A range always larger than the most automatic addresses a generated lab can ask of one bridge.
    private string Range(bool v6) => (v6, WidthOf(v6)) switch
    {
        (false, Width.Wide) => $"10.{_index + 1}.{16 * _random.Next(16)}.0/20",
        (false, _) => _random.Next(2) == 0 ? $"172.{16 + _index}.0.128/25" : $"172.{16 + _index}.0.64/26",
        (true, Width.Wide) => $"fd10:{_index:x}::{_random.Next(1, 16):x}000/116",
        (true, _) => _random.Next(2) == 0 ? $"fd11:{_index:x}::80/121" : $"fd11:{_index:x}::40/122",
    };

    // Clear of the automatic ones (they count up from the start of the subnet or range) and of a written gateway.
    private string Explicit(bool v6, int k) => (v6, WidthOf(v6)) switch
    {
        (false, Width.Wide) => $"10.{_index + 1}.200.{k + 1}/16",
        (false, _) => $"172.{16 + _index}.0.{200 + k}/24",
        (true, Width.Wide) => $"fd10:{_index:x}::c8:{k + 1:x}/64",
        (true, _) => $"fd11:{_index:x}::{200 + k:x}/120",
    };

    /// <summary>The spec allows the gateway as a bare IP or as a CIDR with the subnet's prefix.</summary>
    private string WrittenGateway(bool v6) =>
        _random.Next(2) == 0 ? _gateways[v6] : $"{_gateways[v6]}/{PrefixOf(v6)}";

    private bool? Maybe(bool value) => _random.Next(3) == 0 ? null : value;
}

/// <summary>
/// MTUs worth trying: the common ones and the kernel's bounds. Not below 1280: the generated labs put IPv6
/// addresses anywhere, and an IPv6 interface needs that much (the rule has tests of its own).
/// </summary>
internal static class Mtus
{
    public static int Pick(Random random) => random.Next(5) switch
    {
        0 => 1400,
        1 => 1500,
        2 => 9000,
        3 => 1280,
        _ => random.Next(1280, 65536),
    };
}

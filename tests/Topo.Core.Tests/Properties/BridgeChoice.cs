namespace Topo.Core.Tests.Properties;

/// <summary>
/// A generated bridge with the addressing the generator knows for it. Bridge number N gets
/// networks no other part of a generated lab uses: 10.(N+1).0.0/16 or 172.(16+N).0.0/24 with a
/// subnet, 172.31.N.0/24 (its own address) and 172.30.N.0/24 (its nodes) without.
/// </summary>
internal sealed class BridgeChoice
{
    // Explicit node addresses count up from a fixed host part; at most this many keeps them clear of a written gateway.
    private const int MaxExplicit = 50;

    private readonly int _index;
    private readonly Kind _kind;
    private int _explicit;

    private enum Kind
    {
        Wide,
        Narrow,
        Plain,
    }

    public BridgeChoice(int index, string name, string? node, Random random)
    {
        _index = index;
        _kind = (Kind)random.Next(3);
        var writtenGateway = random.Next(4) == 0;
        Gateway = _kind switch
        {
            Kind.Wide => writtenGateway ? $"10.{index + 1}.0.254" : $"10.{index + 1}.0.1",
            Kind.Narrow => writtenGateway ? $"172.{16 + index}.0.254" : $"172.{16 + index}.0.1",
            _ => null,
        };
        var subnet = _kind switch
        {
            Kind.Wide => $"10.{index + 1}.0.0/16",
            Kind.Narrow => $"172.{16 + index}.0.0/24",
            _ => null,
        };
        // A range always larger than the most automatic addresses a generated lab can ask of one bridge.
        var range = random.Next(3) != 0 ? null : _kind switch
        {
            Kind.Wide => $"10.{index + 1}.{16 * random.Next(16)}.0/20",
            Kind.Narrow => random.Next(2) == 0 ? $"172.{16 + index}.0.128/25" : $"172.{16 + index}.0.64/26",
            _ => null,
        };
        var address = _kind == Kind.Plain
            ? random.Next(2) == 0 ? $"172.31.{index}.1/24" : null
            : writtenGateway ? WrittenGateway(random) : null;
        Draft = new BridgeDraft(
            name,
            node,
            subnet,
            address,
            range,
            subnet is null ? Maybe(random, false) : Maybe(random, random.Next(2) == 0),
            Maybe(random, random.Next(2) == 0),
            random.Next(4) == 0 ? Mtus.Pick(random) : null);
    }

    public BridgeDraft Draft { get; }

    /// <summary>The bridge's own address in its subnet, which its nodes can route through; null without a subnet.</summary>
    public string? Gateway { get; }

    public bool HasSubnet => _kind != Kind.Plain;

    public bool HasAddress => Draft.Address is not null || HasSubnet;

    /// <summary>A fresh address for a node end on this bridge, inside the subnet with its prefix; null when none is left.</summary>
    public string? NextExplicit()
    {
        if (_explicit >= MaxExplicit) return null;
        var k = _explicit++;
        return _kind switch
        {
            Kind.Wide => $"10.{_index + 1}.200.{k + 1}/16",
            Kind.Narrow => $"172.{16 + _index}.0.{200 + k}/24",
            _ => $"172.30.{_index}.{k + 1}/24",
        };
    }

    /// <summary>The spec allows the gateway as a bare IP or as a CIDR with the subnet's prefix.</summary>
    private string WrittenGateway(Random random) =>
        random.Next(2) == 0 ? Gateway! : $"{Gateway}/{(_kind == Kind.Wide ? 16 : 24)}";

    private static bool? Maybe(Random random, bool value) => random.Next(3) == 0 ? null : value;
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

using System.Collections.Immutable;

namespace Topo.Core.Tests.Properties;

/// <summary>
/// What the generated links give each node and the host, as far as later choices need it:
/// which interfaces carry an address, which neighbour addresses can be gateways, who sits on
/// a subnet bridge (and so may publish ports). Filled while links are chosen.
/// </summary>
internal sealed class Connectivity
{
    private readonly Dictionary<string, List<string>> _interfaces = [];
    private readonly Dictionary<string, List<string>> _addressed = [];
    private readonly Dictionary<string, List<string>> _gateways = [];
    private readonly HashSet<string> _onSubnet = [];
    private readonly List<string> _literals = [];

    public const string Host = "host";

    public void Interface(string owner, string name, bool addressed)
    {
        Of(_interfaces, owner).Add(name);
        if (addressed) Of(_addressed, owner).Add(name);
    }

    public void Gateway(string owner, string ip) => Of(_gateways, owner).Add(ip);

    public void OnSubnet(string node) => _onSubnet.Add(node);

    /// <summary>An address some interface of the lab holds, for checks that name an address.</summary>
    public void Literal(string ip) => _literals.Add(ip);

    public IReadOnlyList<string> Interfaces(string owner) => _interfaces.GetValueOrDefault(owner) ?? [];

    public IReadOnlyList<string> Addressed(string owner) => _addressed.GetValueOrDefault(owner) ?? [];

    public IReadOnlyList<string> Gateways(string owner) => _gateways.GetValueOrDefault(owner) ?? [];

    public bool IsOnSubnet(string node) => _onSubnet.Contains(node);

    public ImmutableArray<string> Literals => [.. _literals];

    private static List<string> Of(Dictionary<string, List<string>> map, string key) =>
        map.TryGetValue(key, out var list) ? list : map[key] = [];
}

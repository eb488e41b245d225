using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Graph;

/// <summary>The addresses of each interface of a lab and how they stand, gathered once while a graph is built.</summary>
internal sealed class InterfaceAddresses
{
    private readonly Dictionary<(Netns Ns, string Device), List<(string Cidr, ObjectState State)>> _byDevice = [];

    private readonly Dictionary<(Netns Ns, string Device), (string Words, ObjectState State)> _conditions = [];

    public void Add(AddressResource address, ObjectState state)
    {
        var key = (address.Ns, address.Device);
        if (!_byDevice.TryGetValue(key, out var list)) _byDevice[key] = list = [];
        list.Add((address.Cidr, state));
    }

    /// <summary>An interface's conditions (<c>delay 10ms loss 1%</c>), a line of its label after its addresses.</summary>
    public void AddCondition(QdiscResource qdisc, ObjectState state) => _conditions[(qdisc.Ns, qdisc.Device)] = (qdisc.Conditions.Words, state);

    public (string Words, ObjectState State)? ConditionsOf(Netns ns, string device) =>
        _conditions.TryGetValue((ns, device), out var c) ? c : null;

    public IReadOnlyList<(string Cidr, ObjectState State)> Of(Netns ns, string device) =>
        _byDevice.TryGetValue((ns, device), out var list) ? list : [];

    /// <summary>The namespace of the interface that holds <paramref name="ip"/>, if the lab gives it to one.</summary>
    public Netns? NamespaceHolding(string ip) =>
        _byDevice.Where(d => d.Value.Any(a => a.Cidr.StartsWith(ip + "/", StringComparison.Ordinal))).Select(d => (Netns?)d.Key.Ns).FirstOrDefault();

    /// <summary>The interfaces of <paramref name="ns"/> with an address inside <paramref name="subnet"/>.</summary>
    public IEnumerable<string> DevicesIn(Netns ns, string subnet)
    {
        if (Validation.Cidr.Parse(subnet) is not { } net) yield break;
        foreach (var ((n, device), list) in _byDevice)
        {
            if (n == ns && list.Any(a => Validation.Cidr.Parse(a.Cidr) is { } c && net.Contains(c.Address))) yield return device;
        }
    }
}

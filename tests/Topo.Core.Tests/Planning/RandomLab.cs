using System.Collections.Immutable;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Tests.Planning;

/// <summary>
/// Random valid lab states over small name pools, so that two states made from different seeds
/// share many names: namespaces, bridges, veth pairs into bridges or between namespaces,
/// addresses of both families on those links, routes of both through them, sysctls and nft tables.
/// </summary>
internal sealed class RandomLab(Random random)
{
    private readonly List<Resource> _resources = [];
    private readonly HashSet<ResourceKey> _linkNames = [];
    private readonly List<LinkEnd> _links = [];
    private readonly List<AddressResource> _addresses = [];

    public static ImmutableArray<Resource> Generate(Random random) => new RandomLab(random).Build();

    /// <summary>Objects of no lab, in names the pools never use, so they never stand in a lab's way.</summary>
    public static ImmutableArray<Resource> Foreign =>
    [
        new NamespaceResource("foreign"),
        new OtherLinkResource(new LinkEnd("foreign", "eth0"), "dummy"),
        new OtherLinkResource(new LinkEnd(Netns.Host, "enp0s3"), "device"),
        new AddressResource(Netns.Host, "enp0s3", "192.168.1.5/24"),
        new SysctlResource(Netns.Host, "net.ipv4.conf.all.forwarding", "0"),
    ];

    private ImmutableArray<Resource> Build()
    {
        var places = new List<Netns> { Netns.Host };
        foreach (var ns in new[] { "n0", "n1", "n2", "n3", "n4" }.Where(_ => random.Next(3) > 0))
        {
            places.Add(ns);
            _resources.Add(new NamespaceResource(ns));
        }

        var bridges = new List<LinkEnd>();
        for (var i = random.Next(4); i > 0; i--)
        {
            var bridge = new LinkEnd(Pick(places), $"br{random.Next(3)}", Mtu: Maybe(1400, 1500));
            if (!TakeLinks(bridge)) continue;
            bridges.Add(bridge);
            _resources.Add(new BridgeResource(bridge));
        }

        for (var i = random.Next(8); i > 0; i--)
        {
            var a = new LinkEnd(Pick(places), $"e{random.Next(3)}", Mtu: Maybe(1400, 9000));
            var b = bridges.Count > 0 && random.Next(2) == 0 ? Port(Pick(bridges)) : new LinkEnd(Pick(places), $"e{random.Next(3)}");
            if (a.Key != b.Key && TakeLinks(a, b)) _resources.Add(VethResource.Of(a, b));
        }

        foreach (var link in _links)
        {
            if (random.Next(2) == 0) AddAddress(link, $"10.{random.Next(4)}.{random.Next(2)}.{_addresses.Count + 1}/24");
            if (random.Next(3) == 0) AddAddress(link, $"fd0{random.Next(4)}:{random.Next(2)}::{_addresses.Count + 1:x}/64");
        }

        foreach (var ns in places)
        {
            AddRoutes(ns);
            if (random.Next(2) == 0) _resources.Add(new SysctlResource(ns, "net.ipv4.ip_forward", $"{random.Next(2)}"));
            if (random.Next(3) == 0) _resources.Add(new NftTableResource(ns, "topo-lab", [new MasqueradeRule($"10.{random.Next(3)}.0.0/24")]));
        }

        return [.. _resources];
    }

    private void AddAddress(LinkEnd link, string cidr)
    {
        var address = new AddressResource(link.Namespace, link.Name, cidr);
        _addresses.Add(address);
        _resources.Add(address);
    }

    private void AddRoutes(Netns ns)
    {
        var links = _links.Where(l => l.Namespace == ns).ToList();
        foreach (var to in new[] { "default", "10.9.0.0/16", "::/0", "fd09::/48" }.Where(_ => random.Next(2) == 0))
        {
            var v6 = to.Contains(':');
            var addresses = _addresses.Where(a => a.Ns == ns && a.IsV6 == v6).ToList();
            if (addresses.Count > 0 && random.Next(2) == 0)
            {
                var local = Pick(addresses);
                _resources.Add(new RouteResource(ns, to, v6 ? "fd00::fe" : "10.0.0.254", random.Next(2) == 0 ? local.Device : null) { GatewayAddress = local.Key });
            }
            else if (links.Count > 0)
            {
                _resources.Add(new RouteResource(ns, to, null, Pick(links).Name));
            }
        }
    }

    private LinkEnd Port(LinkEnd bridge) => new(bridge.Namespace, $"v{random.Next(6)}", Master: bridge.Name);

    private bool TakeLinks(params LinkEnd[] ends)
    {
        if (ends.Any(e => _linkNames.Contains(e.Key))) return false;
        foreach (var end in ends)
        {
            _linkNames.Add(end.Key);
            _links.Add(end);
        }

        return true;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private int? Maybe(int one, int other) => random.Next(3) switch { 0 => null, 1 => one, _ => other };
}

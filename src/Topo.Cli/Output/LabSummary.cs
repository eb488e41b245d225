using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Cli.Output;

/// <summary>"3 namespaces, 2 bridges, 4 veth pairs, 6 addresses, 3 routes, 2 sysctls, 5 nft rules"; macvlans, hosts files and qdiscs only when there are some.</summary>
public static class LabSummary
{
    public static string Describe(LabState state)
    {
        var r = state.Resources;
        var parts = new (int Count, string One, string Many)[]
        {
            (r.OfType<NamespaceResource>().Count(), "namespace", "namespaces"),
            (r.OfType<BridgeResource>().Count(), "bridge", "bridges"),
            (r.OfType<VethResource>().Count(), "veth pair", "veth pairs"),
            (r.OfType<MacvlanResource>().Count(), "macvlan", "macvlans"),
            (r.OfType<AddressResource>().Count(), "address", "addresses"),
            (r.OfType<RouteResource>().Count(), "route", "routes"),
            (r.OfType<SysctlResource>().Count(), "sysctl", "sysctls"),
            (r.OfType<NftTableResource>().Sum(t => t.Rules.Length), "nft rule", "nft rules"),
            (r.OfType<HostsFileResource>().Count(), "hosts file", "hosts files"),
            (r.OfType<QdiscResource>().Count(), "qdisc", "qdiscs"),
        };
        return string.Join(", ", parts.Where(p => p.Count > 0 || p.One is not ("macvlan" or "hosts file" or "qdisc")).Select(p => Counted.Of(p.Count, p.One, p.Many)));
    }
}

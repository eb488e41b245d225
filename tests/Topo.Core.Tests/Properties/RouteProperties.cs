using System.Net;
using Topo.Core.Kinds;

namespace Topo.Core.Tests.Properties;

public sealed class RouteProperties
{
    [Fact]
    public void Each_node_has_one_default_route_per_family_its_own_or_via_its_first_bridges_gateway()
    {
        var automatic = new int[2];
        GeneratedLabs.ForEach(lab =>
        {
            var defaults = lab.Valid().Desired.Resources.OfType<RouteResource>().Where(r => r.To is "default" or "::/0").ToLookup(r => r.Ns);
            var onBridges = DraftFacts.NodesOnBridges(lab.Draft).ToList();
            foreach (var node in lab.Draft.Nodes)
            {
                var expected = new List<string>();
                foreach (var v6 in new[] { false, true })
                {
                    // The spec: the node's own default of the family, else one via the gateway of the first bridge
                    // (in the order of links) that gave it an automatic address of that family.
                    var declared = node.Routes.FirstOrDefault(r => IsDefault(r, v6))?.Via;
                    var first = onBridges.FirstOrDefault(e => e.Node == node.Name && e.Automatic && e.Bridge.SubnetOf(v6) is not null);
                    var via = declared is not null ? IPAddress.Parse(declared) : first is null ? null : DraftFacts.GatewayOf(first.Bridge, v6);
                    if (via is null) continue;
                    if (declared is null) automatic[v6 ? 1 : 0]++;
                    expected.Add($"{(v6 ? "::/0" : "default")} via {via}");
                }

                Assert.Equal(expected.Order(), defaults[node.Name].Select(r => $"{r.To} via {r.Via}").Order());
            }
        });

        Assert.True(automatic.All(n => n > GeneratedLabs.Cases / 2), $"automatic default routes: IPv4 {automatic[0]}, IPv6 {automatic[1]}");
    }

    /// <summary>Whether a written route is a default of the family: <c>default</c> takes its gateway's.</summary>
    private static bool IsDefault(RouteDraft route, bool v6) => route.To switch
    {
        "::/0" => v6,
        "0.0.0.0/0" => !v6,
        "default" => (route.Via is { } via && BridgeDraft.IsV6(via)) == v6,
        _ => false,
    };
}

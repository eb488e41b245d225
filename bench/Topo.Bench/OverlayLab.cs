using System.Text;

namespace Topo.Bench;

/// <summary>
/// The lab of <c>--hosts</c>: <see cref="Nodes"/> nodes on one overlay segment, spread in blocks over
/// <see cref="Hosts"/> simulated machines h1..hH (h<i>i</i> at 192.0.2.(10+<i>i</i>), as the test harness
/// makes them), each node a namespace with a veth into the segment's bridge on its machine and an address.
/// </summary>
public sealed record OverlayLab(int Nodes, int Hosts)
{
    public const string Lab = "ovl";

    public int NodesPerHost => (Nodes + Hosts - 1) / Hosts;

    public int HostOf(int node) => (node - 1) / NodesPerHost + 1;

    public static string HostName(int h) => $"h{h}";

    public int NodesOn(int h) => Enumerable.Range(1, Nodes).Count(i => HostOf(i) == h);

    public string Yaml()
    {
        var s = new StringBuilder();
        s.Append($"version: 1\nlab: {Lab}\nhosts:\n");
        for (var h = 1; h <= Hosts; h++) s.Append($"  {HostName(h)}: {{underlay: 192.0.2.{10 + h}, ssh: {HostName(h)}}}\n");
        s.Append("bridges:\n  ov0: {subnet: 10.80.0.0/16, overlay: true}\nnodes:\n");
        for (var i = 1; i <= Nodes; i++) s.Append($"  n{i}: {{host: {HostName(HostOf(i))}}}\n");
        s.Append("links:\n");
        for (var i = 1; i <= Nodes; i++) s.Append($"  - [n{i}:eth0, ov0]\n");
        return s.ToString();
    }
}

namespace Topo.Testing.Kernel;

/// <summary>
/// What differs between two requests, one line a difference, attributes named by path ("IFLA_LINKINFO(18)/IFLA_INFO_KIND(1)").
/// Sequence numbers and port ids are not compared (each sender numbers its own); the order of attributes at one level is
/// not either (the kernel looks them up by type); attributes of one type repeated are paired in their order.
/// NLA_F_NESTED is not compared: ip sets it on no nest of a link request, topo on every one, and the kernel reads these either way.
/// </summary>
public static class RequestDiff
{
    public static List<string> Between(NetlinkRequest topo, NetlinkRequest ip, RequestSchema schema)
    {
        var differences = new List<string>();
        if (topo.Type != ip.Type) differences.Add($"nlmsg_type: topo {topo.Type}, ip {ip.Type}");
        if (topo.Flags != ip.Flags) differences.Add($"nlmsg_flags: topo 0x{topo.Flags:x4}, ip 0x{ip.Flags:x4}");
        if (!topo.FixedHeader.AsSpan().SequenceEqual(ip.FixedHeader))
            differences.Add($"fixed header: topo {Convert.ToHexStringLower(topo.FixedHeader)}, ip {Convert.ToHexStringLower(ip.FixedHeader)}");
        Compare(topo.Attributes, ip.Attributes, schema.Attributes, "", differences);
        return differences;
    }

    private static void Compare(IReadOnlyList<NetlinkNode> topo, IReadOnlyList<NetlinkNode> ip, AttributeSet set, string path, List<string> differences)
    {
        foreach (var type in topo.Concat(ip).Select(n => n.Type).Distinct().Order())
        {
            var spec = set.Spec(type);
            var here = path + set.Label(type);
            var ours = topo.Where(n => n.Type == type).ToList();
            var theirs = ip.Where(n => n.Type == type).ToList();
            for (var k = 0; k < Math.Max(ours.Count, theirs.Count); k++)
            {
                if (k >= theirs.Count) differences.Add($"{here}: only topo sends it ({Shown(ours[k], spec)})");
                else if (k >= ours.Count) differences.Add($"{here}: only ip sends it ({Shown(theirs[k], spec)})");
                else if (ours[k].Children is { } a && theirs[k].Children is { } b) Compare(a, b, spec.Children ?? AttributeSet.Unknown, here + "/", differences);
                else if (!Same(ours[k], theirs[k], spec)) differences.Add($"{here}: topo {Shown(ours[k], spec)}, ip {Shown(theirs[k], spec)}");
            }
        }
    }

    private static bool Same(NetlinkNode topo, NetlinkNode ip, AttributeSpec spec) => spec.Shape switch
    {
        AttributeShape.String => NetlinkRequest.TextOf(topo.Value) == NetlinkRequest.TextOf(ip.Value),
        AttributeShape.Local => true,
        _ => topo.Value.AsSpan().SequenceEqual(ip.Value),
    };

    private static string Shown(NetlinkNode node, AttributeSpec spec) =>
        node.Children is null ? NetlinkRequest.Show(node, spec) : $"{node.Children.Count} attributes inside";
}

using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>One entry of <c>bridges:</c>; an empty value is a bridge with nothing set.</summary>
internal static class BridgeReader
{
    private static readonly ImmutableArray<string> Keys =
        ["node", "host", "subnet", "address", "ip_range", "masquerade", "isolated", "mtu", "mac", "overlay", "vni", "port", "names"];

    public static BridgeSpec? Read(Located<string> name, YamlValue value, string path, Problems problems)
    {
        if (Shapes.MapOrEmpty(value, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        return new BridgeSpec(
            name,
            Node: fields.String("node"),
            Subnet: fields.String("subnet"),
            Address: fields.String("address"),
            IpRange: fields.String("ip_range"),
            Masquerade: fields.Bool("masquerade"),
            Isolated: fields.Bool("isolated"),
            Mtu: fields.Int("mtu"),
            Mac: fields.String("mac"))
        {
            Host = fields.String("host"),
            Overlay = fields.Bool("overlay"),
            Vni = fields.Int("vni"),
            Port = fields.Int("port"),
            Names = fields.Bool("names"),
        };
    }
}

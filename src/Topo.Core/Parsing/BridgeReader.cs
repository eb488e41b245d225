using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>One entry of <c>bridges:</c>; an empty value is a bridge with nothing set.</summary>
internal static class BridgeReader
{
    private static readonly ImmutableArray<string> Keys =
        ["node", "host", "subnet", "address", "ip_range", "masquerade", "isolated", "mtu", "mac", "overlay", "vni", "port", "names", "ports", "internal"];

    public static BridgeSpec? Read(Located<string> name, YamlValue value, string path, Problems problems)
    {
        if (Shapes.MapOrEmpty(value, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        var subnets = OneOrMany(fields, "subnet", problems);
        var ipRanges = OneOrMany(fields, "ip_range", problems);
        return new BridgeSpec(
            name,
            Node: fields.String("node"),
            Subnet: subnets.FirstOrDefault(),
            Address: fields.String("address"),
            IpRange: ipRanges.FirstOrDefault(),
            Masquerade: fields.Bool("masquerade"),
            Isolated: fields.Bool("isolated"),
            Mtu: fields.Int("mtu"),
            Mac: fields.String("mac"))
        {
            Host = fields.String("host"),
            Overlay = fields.Bool("overlay"),
            Vni = fields.Int("vni"),
            Port = fields.Int("port"),
            // One value is Subnet alone, as a spec made in code has it.
            Subnets = subnets.Length > 1 ? subnets : default,
            IpRanges = ipRanges.Length > 1 ? ipRanges : default,
            Names = fields.Bool("names"),
            Internal = fields.Bool("internal"),
            Ports = fields.Value("ports") is { } ports ? Shapes.Strings(ports, fields.PathOf("ports"), problems) : [],
        };
    }

    // One value per family at most, so one string or a list of two; the families are validation's to check.
    private static ImmutableArray<Located<string>> OneOrMany(Fields fields, string key, Problems problems)
    {
        if (fields.Value(key) is not { } value) return [];
        if (value is YamlScalar) return fields.String(key) is { } one ? [one] : [];
        var values = Shapes.Strings(value, fields.PathOf(key), problems);
        if (value is YamlList { Items.Length: 0 or > 2 } list)
            problems.Add(list.Mark, fields.PathOf(key), $"expected one value or a list of two (one IPv4, one IPv6), got {list.Items.Length}");
        return values;
    }
}

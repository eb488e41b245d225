using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// One item of <c>links:</c>: the short form <c>[A, B]</c> or the long form with
/// <c>endpoints</c>, <c>addresses</c>, <c>mtu</c> and <c>mac</c>; with <c>type: macvlan</c>,
/// <c>parent</c>, <c>endpoint</c> and <c>mode</c> in place of <c>endpoints</c>.
/// </summary>
internal static class LinkReader
{
    public const int EndpointCount = 2;

    public const string Veth = "veth";
    public const string Macvlan = "macvlan";
    public const string BridgeMode = "bridge";

    private static readonly ImmutableArray<string> Keys = ["type", "endpoints", "parent", "endpoint", "mode", "addresses", "mtu", "mac"];

    private static readonly ImmutableArray<string> MacvlanOnly = ["parent", "endpoint", "mode"];

    public static LinkSpec? Read(YamlValue item, string path, Problems problems)
    {
        switch (item)
        {
            case YamlList list:
                return Endpoints(list, path, problems) is { } ends ? new LinkSpec(list.Mark, ends, [], null, []) : null;
            case YamlMap map:
                return ReadLong(map, path, problems);
            default:
                problems.Add(item.Mark, path,
                    $"expected a link ([A, B] or a mapping with 'endpoints:'), got {ScalarValues.Describe(item)}");
                return null;
        }
    }

    private static LinkSpec? ReadLong(YamlMap map, string path, Problems problems)
    {
        var fields = Fields.Read(map, path, Keys, problems);
        var type = fields.String("type");
        if (type is not null && type.Value is not (Veth or Macvlan))
        {
            problems.Add(type.Mark, fields.PathOf("type"), $"link type '{type.Value}' is not supported (write type: {Veth} or type: {Macvlan})");
            return null;
        }

        if (type?.Value == Macvlan) return ReadMacvlan(map, fields, problems);
        foreach (var key in MacvlanOnly.Where(k => fields.Value(k) is not null))
        {
            problems.Add(fields.Value(key)!.Mark, fields.PathOf(key), $"'{key}' belongs to a macvlan link (type: {Macvlan}); a veth link joins its two 'endpoints'");
        }

        var endpoints = fields.Require("endpoints", " (a list of 2 endpoints, e.g. [box1:eth0, docker0])")
            ? EndpointList(fields.Value("endpoints")!, fields.PathOf("endpoints"), problems)
            : null;
        var (addresses, mtu, macs) = Settings(fields, problems);
        return endpoints is null ? null : new LinkSpec(map.Mark, endpoints.Value, addresses, mtu, macs);
    }

    /// <summary>A macvlan device: <c>endpoint</c> stacked on <c>parent</c>, in the only mode topo makes.</summary>
    private static LinkSpec? ReadMacvlan(YamlMap map, Fields fields, Problems problems)
    {
        if (fields.Value("endpoints") is { } endpoints)
            problems.Add(endpoints.Mark, fields.PathOf("endpoints"), "a macvlan link has no 'endpoints': write 'parent:' (the interface it sits on) and 'endpoint:' (NODE:IFNAME or host:IFNAME of the new device)");
        var parent = fields.RequiredString("parent", " (the interface the macvlan sits on: NODE:IFNAME, host:IFNAME or a bridge)");
        var endpoint = fields.RequiredString("endpoint", " (the new device: NODE:IFNAME or host:IFNAME)");
        var mode = fields.String("mode");
        if (mode is not null && mode.Value != BridgeMode)
            problems.Add(mode.Mark, fields.PathOf("mode"), $"macvlan mode '{mode.Value}' is not supported (write mode: {BridgeMode}, the only mode topo makes)");
        var (addresses, mtu, macs) = Settings(fields, problems);
        return parent is null || endpoint is null || fields.Value("endpoints") is not null || (mode is not null && mode.Value != BridgeMode)
            ? null
            : new LinkSpec(map.Mark, [], addresses, mtu, macs, parent, endpoint);
    }

    private static (ImmutableArray<EndpointAddresses> Addresses, Located<int>? Mtu, ImmutableArray<EndpointMac> Macs) Settings(Fields fields, Problems problems)
    {
        var addresses = Shapes.Named(fields.Value("addresses"), fields.PathOf("addresses"), problems,
            (endpoint, value, addressPath) => new EndpointAddresses(endpoint, Cidrs(value, addressPath, problems)));
        var mtu = fields.Int("mtu");
        var macs = Shapes.Named(fields.Value("mac"), fields.PathOf("mac"), problems,
            (endpoint, value, macPath) => ScalarValues.String(value, macPath, problems) is { } mac ? new EndpointMac(endpoint, mac) : null);
        return (addresses, mtu, macs);
    }

    private static ImmutableArray<Located<string>>? EndpointList(YamlValue value, string path, Problems problems)
    {
        if (value is YamlList list)
        {
            return Endpoints(list, path, problems);
        }

        problems.Add(value.Mark, path, $"expected a list of 2 endpoints, got {ScalarValues.Describe(value)}");
        return null;
    }

    private static ImmutableArray<Located<string>>? Endpoints(YamlList list, string path, Problems problems)
    {
        var ends = Shapes.Strings(list, path, problems);
        if (list.Items.Length != EndpointCount)
        {
            problems.Add(list.Mark, path, $"a link joins exactly {EndpointCount} endpoints, got {list.Items.Length}");
            return null;
        }

        return ends.Length == EndpointCount ? ends : null;
    }

    /// <summary>An endpoint's addresses: a list, or one string as a list of one.</summary>
    private static ImmutableArray<Located<string>> Cidrs(YamlValue value, string path, Problems problems) =>
        value is YamlScalar { IsNull: false } single
            ? [new Located<string>(single.Text, single.Mark)]
            : Shapes.Strings(value, path, problems);
}

using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// One item of <c>links:</c>: the short form <c>[A, B]</c> or the long form with
/// <c>endpoints</c>, <c>addresses</c>, <c>mtu</c> and <c>mac</c>; with <c>type: macvlan</c>,
/// <c>parent</c>, <c>endpoint</c> and <c>mode</c> in place of <c>endpoints</c>; with <c>type: vxlan</c>,
/// <c>endpoint</c>, <c>vni</c>, <c>remote</c> or <c>group</c>, <c>local</c>, <c>port</c> and <c>underlay</c>;
/// any of them with <c>conditions</c> (<see cref="ConditionsReader"/>).
/// </summary>
internal static class LinkReader
{
    public const int EndpointCount = 2;

    public const string Veth = "veth";
    public const string Macvlan = "macvlan";
    public const string Vxlan = "vxlan";
    public const string Ipvlan = "ipvlan";
    public const string Vlan = "vlan";
    public const string Dummy = "dummy";

    /// <summary>ipvlan's modes (<c>ip link add ... type ipvlan mode M</c>), the default first.</summary>
    public static readonly ImmutableArray<string> IpvlanModes = ["l2", "l3", "l3s"];
    public const string BridgeMode = "bridge";

    /// <summary>The kernel's macvlan modes (<c>ip link add ... type macvlan mode M</c>), the default first.</summary>
    public static readonly ImmutableArray<string> MacvlanModes = [BridgeMode, "private", "vepa", "passthru"];

    private static readonly ImmutableArray<string> Keys =
        ["type", "endpoints", "parent", "endpoint", "mode", "id", "vni", "remote", "group", "local", "port", "underlay", "dev", "addresses", "mtu", "mac", "conditions"];

    private static readonly ImmutableArray<string> MacvlanOnly = ["parent", "endpoint", "mode"];

    private static readonly ImmutableArray<string> VxlanOnly = ["vni", "remote", "group", "local", "port", "underlay", "dev"];

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

    // Every type of link takes conditions on its ends.
    private static LinkSpec? ReadLong(YamlMap map, string path, Problems problems)
    {
        var fields = Fields.Read(map, path, Keys, problems);
        var conditions = ConditionsReader.Read(fields.Value("conditions"), fields.PathOf("conditions"), problems);
        return ReadType(map, fields, problems) is { } spec ? spec with { Conditions = conditions } : null;
    }

    private static LinkSpec? ReadType(YamlMap map, Fields fields, Problems problems)
    {
        var type = fields.String("type");
        if (type is not null && type.Value is not (Veth or Macvlan or Vxlan or Ipvlan or Vlan or Dummy))
        {
            problems.Add(type.Mark, fields.PathOf("type"), $"link type '{type.Value}' is not supported (write type: {Veth}, {Macvlan}, {Ipvlan}, {Vlan}, {Dummy} or {Vxlan})");
            return null;
        }

        if (type?.Value != Vlan && fields.Value("id") is { } id)
            problems.Add(id.Mark, fields.PathOf("id"), $"'id' belongs to a vlan link (type: {Vlan}), the 802.1Q tag");
        if (type?.Value is Ipvlan or Vlan) return ReadStacked(map, fields, type.Value, problems);
        if (type?.Value == Dummy) return ReadDummy(map, fields, problems);

        if (type?.Value != Vxlan) Refuse(fields, VxlanOnly, $"belongs to a vxlan link (type: {Vxlan})", problems);
        if (type?.Value == Macvlan) return ReadMacvlan(map, fields, problems);
        if (type?.Value == Vxlan) return ReadVxlan(map, fields, problems);
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

    /// <summary>A macvlan device: <c>endpoint</c> stacked on <c>parent</c>, in one of the kernel's modes.</summary>
    private static LinkSpec? ReadMacvlan(YamlMap map, Fields fields, Problems problems)
    {
        if (fields.Value("endpoints") is { } endpoints)
            problems.Add(endpoints.Mark, fields.PathOf("endpoints"), "a macvlan link has no 'endpoints': write 'parent:' (the interface it sits on) and 'endpoint:' (NODE:IFNAME or host:IFNAME of the new device)");
        var parent = fields.RequiredString("parent", " (the interface the macvlan sits on: NODE:IFNAME, host:IFNAME or a bridge)");
        var endpoint = fields.RequiredString("endpoint", " (the new device: NODE:IFNAME or host:IFNAME)");
        var mode = fields.String("mode");
        var known = mode is null || MacvlanModes.Contains(mode.Value);
        if (!known)
            problems.Add(mode!.Mark, fields.PathOf("mode"), $"macvlan mode '{mode.Value}' is not one the kernel has (write mode: {string.Join(", ", MacvlanModes)}; bridge when left out)");
        var (addresses, mtu, macs) = Settings(fields, problems);
        return parent is null || endpoint is null || fields.Value("endpoints") is not null || !known
            ? null
            : new LinkSpec(map.Mark, [], addresses, mtu, macs, parent, endpoint) { Type = Macvlan, Mode = mode };
    }

    /// <summary>An ipvlan (with its <c>mode</c>) or a vlan (with its <c>id</c>): <c>endpoint</c> stacked on <c>parent</c>.</summary>
    private static LinkSpec? ReadStacked(YamlMap map, Fields fields, string type, Problems problems)
    {
        var refused = Refuse(fields, ["endpoints"], $"is not a key of a {type} link (write 'parent:' and 'endpoint:')", problems);
        var parent = fields.RequiredString("parent", $" (the interface the {type} sits on: NODE:IFNAME, host:IFNAME or a bridge)");
        var endpoint = fields.RequiredString("endpoint", " (the new device: NODE:IFNAME or host:IFNAME)");
        var mode = fields.String("mode");
        var ok = !refused && parent is not null && endpoint is not null;
        if (type == Vlan && mode is not null)
        {
            problems.Add(mode.Mark, fields.PathOf("mode"), "a vlan has no mode: its 'id' is the 802.1Q tag it carries");
            ok = false;
        }

        if (type == Ipvlan && mode is not null && !IpvlanModes.Contains(mode.Value))
        {
            problems.Add(mode.Mark, fields.PathOf("mode"), $"ipvlan mode '{mode.Value}' is not one the kernel has (write mode: {string.Join(", ", IpvlanModes)}; l2 when left out)");
            ok = false;
        }

        var id = type == Vlan ? (fields.Require("id", " (the 802.1Q tag, 1 to 4094)") ? fields.Int("id") : null) : null;
        if (id is { Value: < 1 or > 4094 })
        {
            problems.Add(id.Mark, fields.PathOf("id"), $"vlan id {id.Value} is out of range: 802.1Q tags are 1 to 4094 (0 and 4095 are reserved)");
            ok = false;
        }

        var (addresses, mtu, macs) = Settings(fields, problems);
        return !ok || (type == Vlan && id is null)
            ? null
            : new LinkSpec(map.Mark, [], addresses, mtu, macs, parent, endpoint) { Type = type, Mode = mode, VlanId = id };
    }

    /// <summary>A dummy interface: an <c>endpoint</c> alone, with no cable.</summary>
    private static LinkSpec? ReadDummy(YamlMap map, Fields fields, Problems problems)
    {
        var refused = Refuse(fields, ["endpoints", "parent", "mode"], "is not a key of a dummy link (a dummy has only 'endpoint:')", problems);
        var endpoint = fields.RequiredString("endpoint", " (the new device: NODE:IFNAME or host:IFNAME)");
        var (addresses, mtu, macs) = Settings(fields, problems);
        return refused || endpoint is null ? null : new LinkSpec(map.Mark, [], addresses, mtu, macs, Endpoint: endpoint) { Type = Dummy };
    }

    /// <summary>A VXLAN device: <c>endpoint</c>, reached through the tunnel <c>vni</c> to <c>remote</c> or <c>group</c>.</summary>
    private static LinkSpec? ReadVxlan(YamlMap map, Fields fields, Problems problems)
    {
        var refused = Refuse(fields, ["endpoints", "parent", "mode"], "is not a key of a vxlan link (write 'endpoint:' for the device, 'underlay:' for where it is made)", problems);
        var endpoint = fields.RequiredString("endpoint", " (the new device: NODE:IFNAME or host:IFNAME)");
        var vni = fields.Require("vni", " (the VXLAN network identifier, 0 to 16777215)") ? fields.Int("vni") : null;
        var remote = fields.String("remote");
        var group = fields.String("group");
        if (remote is null && group is null)
            problems.Add(map.Mark, fields.PathOf("remote"), "a vxlan link needs 'remote:' (the far tunnel endpoint's address) or 'group:' (a multicast group)");
        if (remote is not null && group is not null)
            problems.Add(group.Mark, fields.PathOf("group"), "a vxlan link takes 'remote:' or 'group:', not both");
        var (addresses, mtu, macs) = Settings(fields, problems);
        return refused || endpoint is null || vni is null || (remote is null) == (group is null)
            ? null
            : new LinkSpec(map.Mark, [], addresses, mtu, macs, Endpoint: endpoint,
                Vxlan: new VxlanSpec(vni, remote, group, fields.String("local"), fields.Int("port"), fields.String("underlay"), fields.String("dev")))
            { Type = Vxlan };
    }

    // Keys that belong to another type of link; true when any was there.
    private static bool Refuse(Fields fields, IEnumerable<string> keys, string why, Problems problems)
    {
        var any = false;
        foreach (var key in keys.Where(k => fields.Value(k) is not null))
        {
            problems.Add(fields.Value(key)!.Mark, fields.PathOf(key), $"'{key}' {why}");
            any = true;
        }

        return any;
    }

    private static (ImmutableArray<EndpointAddresses> Addresses, Located<int>? Mtu, ImmutableArray<EndpointMac> Macs) Settings(Fields fields, Problems problems)
    {
        var addresses = Shapes.Named(fields.Value("addresses"), fields.PathOf("addresses"), problems,
            (endpoint, value, addressPath) => new EndpointAddresses(endpoint, Shapes.OneOrMany(value, addressPath, problems)));
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
}

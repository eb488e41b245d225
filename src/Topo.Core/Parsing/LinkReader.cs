using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>
/// One item of <c>links:</c>: the short form <c>[A, B]</c> or the long form with
/// <c>endpoints</c>, <c>addresses</c>, <c>mtu</c> and <c>mac</c>.
/// </summary>
internal static class LinkReader
{
    public const int EndpointCount = 2;

    private static readonly ImmutableArray<string> Keys = ["endpoints", "addresses", "mtu", "mac"];

    public static LinkSpec? Read(YamlValue item, string path, ProblemList problems)
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

    private static LinkSpec? ReadLong(YamlMap map, string path, ProblemList problems)
    {
        var fields = Fields.Read(map, path, Keys, problems);
        var endpoints = fields.Require("endpoints", " (a list of 2 endpoints, e.g. [box1:eth0, docker0])")
            ? EndpointList(fields.Value("endpoints")!, fields.PathOf("endpoints"), problems)
            : null;
        var addresses = Shapes.Named(fields.Value("addresses"), fields.PathOf("addresses"), problems,
            (endpoint, value, addressPath) => new EndpointAddresses(endpoint, Cidrs(value, addressPath, problems)));
        var mtu = fields.Int("mtu");
        var macs = Shapes.Named(fields.Value("mac"), fields.PathOf("mac"), problems,
            (endpoint, value, macPath) => ScalarValues.String(value, macPath, problems) is { } mac ? new EndpointMac(endpoint, mac) : null);
        return endpoints is null ? null : new LinkSpec(map.Mark, endpoints.Value, addresses, mtu, macs);
    }

    private static ImmutableArray<Located<string>>? EndpointList(YamlValue value, string path, ProblemList problems)
    {
        if (value is YamlList list)
        {
            return Endpoints(list, path, problems);
        }

        problems.Add(value.Mark, path, $"expected a list of 2 endpoints, got {ScalarValues.Describe(value)}");
        return null;
    }

    private static ImmutableArray<Located<string>>? Endpoints(YamlList list, string path, ProblemList problems)
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
    private static ImmutableArray<Located<string>> Cidrs(YamlValue value, string path, ProblemList problems) =>
        value is YamlScalar { IsNull: false } single
            ? [new Located<string>(single.Text, single.Mark)]
            : Shapes.Strings(value, path, problems);
}

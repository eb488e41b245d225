using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary><c>routes:</c> of a node or the host: <c>{to, via, dev}</c>.</summary>
internal static class RouteReader
{
    private static readonly ImmutableArray<string> Keys = ["to", "via", "dev"];

    public static ImmutableArray<RouteSpec> ReadList(YamlValue? value, string path, Problems problems) =>
        Shapes.Items(value, path, problems, (item, itemPath) => Read(item, itemPath, problems));

    private static RouteSpec? Read(YamlValue item, string path, Problems problems)
    {
        if (Shapes.Map(item, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        var to = fields.RequiredString("to", " (a CIDR or 'default')");
        var via = fields.String("via");
        var dev = fields.String("dev");
        return to is null ? null : new RouteSpec(map.Mark, to, via, dev);
    }
}

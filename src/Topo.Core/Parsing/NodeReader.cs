using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>One entry of <c>nodes:</c>; <c>box1:</c> and <c>box1: {}</c> are both an empty node.</summary>
internal static class NodeReader
{
    private static readonly ImmutableArray<string> Keys = ["sysctls", "routes", "ports", "network", "netns", "host"];

    public static NodeSpec? Read(Located<string> name, YamlValue value, string path, Problems problems)
    {
        if (Shapes.MapOrEmpty(value, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        return new NodeSpec(
            name,
            SysctlReader.Read(fields.Value("sysctls"), fields.PathOf("sysctls"), problems),
            RouteReader.ReadList(fields.Value("routes"), fields.PathOf("routes"), problems),
            Shapes.Strings(fields.Value("ports"), fields.PathOf("ports"), problems))
        {
            Network = fields.String("network"),
            Netns = fields.String("netns"),
            Host = fields.String("host"),
        };
    }
}

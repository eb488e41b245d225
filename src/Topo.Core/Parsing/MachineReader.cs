using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>One entry of <c>hosts:</c>: <c>h1: {underlay: 192.0.2.11, ssh: root@h1}</c>.</summary>
internal static class MachineReader
{
    private static readonly ImmutableArray<string> Keys = ["underlay", "ssh"];

    public static MachineSpec? Read(Located<string> name, YamlValue value, string path, Problems problems)
    {
        if (Shapes.MapOrEmpty(value, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        return new MachineSpec(name, fields.String("underlay"), fields.String("ssh"));
    }
}

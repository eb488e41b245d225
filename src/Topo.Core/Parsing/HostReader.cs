using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary><c>host:</c>, the root namespace: only sysctls and routes.</summary>
internal static class HostReader
{
    private static readonly ImmutableArray<string> Keys = ["sysctls", "routes"];

    public static HostSpec? Read(YamlValue? value, string path, Problems problems)
    {
        if (value is null or YamlScalar { IsNull: true })
        {
            return HostSpec.Empty;
        }

        if (Shapes.Map(value, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        return new HostSpec(
            SysctlReader.Read(fields.Value("sysctls"), fields.PathOf("sysctls"), problems),
            RouteReader.ReadList(fields.Value("routes"), fields.PathOf("routes"), problems));
    }
}

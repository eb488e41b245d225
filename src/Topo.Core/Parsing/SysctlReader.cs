using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary><c>sysctls:</c> of a node or the host; a key such as <c>net.ipv4.ip_forward</c> is one flat key.</summary>
internal static class SysctlReader
{
    public static ImmutableArray<SysctlSpec> Read(YamlValue? value, string path, Problems problems) =>
        Shapes.Named(value, path, problems, (key, setting, settingPath) => One(key, setting, settingPath, problems));

    private static SysctlSpec? One(Located<string> key, YamlValue value, string path, Problems problems)
    {
        if (value is YamlScalar { IsNull: false } scalar)
        {
            return new SysctlSpec(key, new Located<string>(scalar.Text, scalar.Mark));
        }

        problems.Add(value.Mark, path, value is YamlMap
            ? "expected a value, got a mapping: write the whole key on one line, e.g. 'net.ipv4.ip_forward: 1'"
            : $"expected a value (a number or a string), got {ScalarValues.Describe(value)}");
        return null;
    }
}

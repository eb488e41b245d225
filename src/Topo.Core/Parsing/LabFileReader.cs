using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>The top level of a lab file: <c>version</c>, <c>lab</c> and the collections.</summary>
internal static class LabFileReader
{
    public const int SupportedVersion = 1;

    private static readonly ImmutableArray<string> Keys = ["version", "lab", "hosts", "host", "bridges", "nodes", "links", "checks", "names"];

    public static LabFile? Read(YamlValue root, Problems problems)
    {
        if (root is not YamlMap map)
        {
            problems.Add(root.Mark, "", $"expected a mapping of keys such as 'version: 1' and 'lab: NAME', got {ScalarValues.Describe(root)}");
            return null;
        }

        // A newer format may use keys this one does not know: one clear error beats a page of "unknown key".
        if (UnsupportedVersion(map) is { } version)
        {
            problems.Add(version.Mark, "version", $"unsupported version {version.Value}: this topo reads version {SupportedVersion}");
            return null;
        }

        var fields = Fields.Read(map, "", Keys, problems);
        var versionValue = fields.Require("version", ": write 'version: 1' at the top") ? fields.Int("version") : null;
        var lab = fields.RequiredString("lab", ": name the lab, e.g. 'lab: mylab'");
        var hosts = Shapes.Named(fields.Value("hosts"), fields.PathOf("hosts"), problems,
            (name, value, path) => MachineReader.Read(name, value, path, problems));
        var host = HostReader.Read(fields.Value("host"), fields.PathOf("host"), problems);
        var bridges = Shapes.Named(fields.Value("bridges"), fields.PathOf("bridges"), problems,
            (name, value, path) => BridgeReader.Read(name, value, path, problems));
        var nodes = Shapes.Named(fields.Value("nodes"), fields.PathOf("nodes"), problems,
            (name, value, path) => NodeReader.Read(name, value, path, problems));
        var links = Shapes.Items(fields.Value("links"), fields.PathOf("links"), problems,
            (item, path) => LinkReader.Read(item, path, problems));
        var checks = Shapes.Items(fields.Value("checks"), fields.PathOf("checks"), problems,
            (item, path) => CheckReader.Read(item, path, problems));

        return versionValue is null || lab is null || host is null
            ? null
            : new LabFile(versionValue, lab, host, bridges, nodes, links, checks) { Hosts = hosts, Names = fields.Bool("names") };
    }

    private static Located<int>? UnsupportedVersion(YamlMap map)
    {
        foreach (var (key, value) in map.Entries)
        {
            if (key is YamlScalar { Text: "version" })
            {
                var version = ScalarValues.Int(value, "version", new Problems());
                return version is { Value: not SupportedVersion } ? version : null;
            }
        }

        return null;
    }
}

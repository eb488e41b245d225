using System.Collections.Immutable;
using Topo.Core.Model;

namespace Topo.Core.Parsing;

/// <summary>One item of <c>checks:</c>; <c>timeout</c> is kept as written (<c>1s</c>, <c>500ms</c>, or seconds).</summary>
internal static class CheckReader
{
    private static readonly ImmutableArray<string> Keys = ["from", "to", "proto", "expect", "timeout", "by", "standin", "family"];

    public static CheckSpec? Read(YamlValue item, string path, Problems problems)
    {
        if (Shapes.Map(item, path, problems) is not { } map)
        {
            return null;
        }

        var fields = Fields.Read(map, path, Keys, problems);
        var from = fields.RequiredString("from", " (a node or 'host')");
        var to = fields.RequiredString("to", " (a node, NODE:IFNAME, 'host' or an address)");
        var expect = fields.RequiredString("expect", " (reach, no-reach or refused)");
        var proto = fields.String("proto");
        var timeout = fields.String("timeout");
        var standIn = fields.Bool("standin");
        return from is null || to is null || expect is null ? null : new CheckSpec(from, to, proto, expect, timeout, standIn) { By = fields.String("by"), Family = fields.String("family") };
    }
}

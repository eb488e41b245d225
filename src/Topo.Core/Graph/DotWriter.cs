using System.Text;

namespace Topo.Core.Graph;

/// <summary>
/// The graph in Graphviz's DOT language (<c>dot -Tsvg</c> draws it): the host as a 3-D box, nodes
/// rounded, bridges as hexagons, each veth labelled with its interface at each end; published ports are bold arrows.
/// Each machine of a lab that spans several is a cluster; the VXLAN tunnels between them are bold lines.
/// </summary>
public static class DotWriter
{
    public static string Write(LabGraph graph)
    {
        var text = new StringBuilder();
        text.Append($"// lab {graph.Lab}, drawn by topo graph{(graph.Live ? " --live: " + DriftStyle.Legend : "")}\n");
        text.Append($"graph {Quote("topo-" + graph.Lab)} {{\n");
        text.Append("    rankdir=LR;\n    ranksep=1.2;\n    node [fontname=\"Helvetica\", fontsize=11];\n    edge [fontname=\"Helvetica\", fontsize=9];\n");
        foreach (var (group, nodes) in graph.ByGroup())
        {
            if (group is not null) text.Append($"    subgraph cluster_{group.Id} {{\n        label={Quote(group.Title)};\n        fontname=\"Helvetica\";\n        style=\"rounded\";\n");
            foreach (var node in nodes) AppendNode(text, node, group is null ? "    " : "        ");
            if (group is not null) text.Append("    }\n");
        }

        foreach (var edge in graph.Edges)
        {
            var attributes = new List<string>();
            if (edge.TailLabel is { } tail) attributes.Add($"taillabel={Quote(tail)}");
            if (edge.HeadLabel is { } head) attributes.Add($"headlabel={Quote(head)}");
            if (edge.Label is { } label) attributes.Add($"label={Quote(label)}");
            if (edge.Kind == GraphEdgeKind.Port) attributes.Add("dir=forward");
            // Isolation relates two bridges side by side; it should not push one a rank further from the host.
            if (edge.Kind == GraphEdgeKind.Isolation) attributes.Add("constraint=false");
            Drift(attributes, edge.State, edge.Kind switch
            {
                GraphEdgeKind.Port or GraphEdgeKind.Tunnel => "bold",
                GraphEdgeKind.Veth => null,
                GraphEdgeKind.Macvlan => "dashed",
                _ => "dotted",
            });
            text.Append($"    {edge.From} -- {edge.To}{(attributes.Count == 0 ? "" : $" [{string.Join(", ", attributes)}]")};\n");
        }

        text.Append("}\n");
        return text.ToString();
    }

    private static void AppendNode(StringBuilder text, GraphNode node, string indent)
    {
        var (shape, style) = node.Kind switch
        {
            GraphNodeKind.Host => ("box3d", (string?)null),
            GraphNodeKind.Bridge => ("hexagon", null),
            _ => ("box", "rounded"),
        };
        var attributes = new List<string> { $"label={Quote(string.Join("\n", [node.Title, .. node.Details]))}", $"shape={shape}" };
        Drift(attributes, node.State, style);
        text.Append($"{indent}{node.Id} [{string.Join(", ", attributes)}];\n");
    }

    /// <summary>Drift's colour, and its line style in place of the part's own (a missing port arrow is dashed, not bold).</summary>
    private static void Drift(List<string> attributes, Planning.ObjectState state, string? style)
    {
        if (DriftStyle.Of(state) is { } drift)
        {
            attributes.Add($"color={Quote(drift.Color)}");
            attributes.Add($"fontcolor={Quote(drift.Color)}");
            style = drift.Line is null ? style : style == "rounded" ? $"rounded,{drift.Line}" : drift.Line;
        }

        if (style is not null) attributes.Add($"style={Quote(style)}");
    }

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}

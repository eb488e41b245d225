using System.Text;
using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>
/// The graph as a Mermaid flowchart, which GitHub and many editors draw from a Markdown code block:
/// the host as a subroutine box, nodes rounded, bridges as hexagons; published ports are thick arrows. Each machine
/// of a lab that spans several is a subgraph; the VXLAN tunnels between them are thick lines.
/// </summary>
public static class MermaidWriter
{
    public static string Write(LabGraph graph)
    {
        var text = new StringBuilder($"%% lab {graph.Lab}, drawn by topo graph{(graph.Live ? " --live: " + DriftStyle.Legend : "")}\nflowchart LR\n");
        foreach (var (group, nodes) in graph.ByGroup())
        {
            if (group is not null) text.Append($"    subgraph {group.Id}[\"{Escape(group.Title)}\"]\n");
            foreach (var node in nodes) AppendNode(text, node, group is null ? "    " : "        ");
            if (group is not null) text.Append("    end\n");
        }

        foreach (var edge in graph.Edges)
        {
            var link = edge.Kind switch
            {
                GraphEdgeKind.Port => "==>",
                GraphEdgeKind.Tunnel => "===",
                GraphEdgeKind.Veth => "---",
                _ => "-.-",
            };
            var label = Label(edge);
            text.Append($"    {edge.From} {link}{(label is null ? "" : $"|\"{Escape(label)}\"|")} {edge.To}\n");
        }

        if (graph.Live) AppendDrift(text, graph);
        return text.ToString();
    }

    private static void AppendNode(StringBuilder text, GraphNode node, string indent)
    {
        var (open, close) = node.Kind switch
        {
            GraphNodeKind.Host => ("[[", "]]"),
            GraphNodeKind.Bridge => ("{{", "}}"),
            _ => ("(", ")"),
        };
        text.Append($"{indent}{node.Id}{open}\"{Escape(string.Join("\n", [node.Title, .. node.Details]))}\"{close}\n");
    }

    private static void AppendDrift(StringBuilder text, LabGraph graph)
    {
        foreach (var state in Enum.GetValues<ObjectState>())
        {
            if (DriftStyle.Of(state) is not { } style) continue;
            var classDef = $"stroke:{style.Color},stroke-width:2px" + (style.Line is "dashed" or "dotted" ? $",stroke-dasharray:{Dashes(style.Line)}" : "");
            var nodes = graph.Nodes.Where(n => n.State == state).Select(n => n.Id).ToList();
            if (nodes.Count > 0) text.Append($"    classDef {state.ToString().ToLowerInvariant()} {classDef}\n    class {string.Join(",", nodes)} {state.ToString().ToLowerInvariant()}\n");
            var links = graph.Edges.Select((e, i) => (e, i)).Where(p => p.e.State == state).Select(p => p.i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (links.Count > 0) text.Append($"    linkStyle {string.Join(",", links)} {classDef}\n");
        }
    }

    private static string Dashes(string line) => line == "dashed" ? "6 4" : "2 3";

    private static string? Label(GraphEdge edge) => edge.Kind switch
    {
        GraphEdgeKind.Veth => $"{Flat(edge.TailLabel)} ↔ {Flat(edge.HeadLabel)}",
        GraphEdgeKind.Macvlan => $"{edge.Label} {Flat(edge.TailLabel)} → {Flat(edge.HeadLabel)}",
        GraphEdgeKind.Tunnel => $"{edge.Label} {Flat(edge.TailLabel)} ↔ {Flat(edge.HeadLabel)}",
        _ => edge.Label,
    };

    private static string Flat(string? label) => (label ?? "").Replace('\n', ' ');

    /// <summary>Mermaid's entity codes for what would end a quoted label or be read as HTML; new lines become breaks.</summary>
    private static string Escape(string text) =>
        text.Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
            .Replace("\n", "<br/>", StringComparison.Ordinal);
}

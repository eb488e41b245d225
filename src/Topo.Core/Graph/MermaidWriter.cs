using System.Text;
using Topo.Core.Planning;

namespace Topo.Core.Graph;

/// <summary>
/// The graph as a Mermaid flowchart, which GitHub and many editors draw from a Markdown code block:
/// the host as a subroutine box, nodes rounded, bridges as hexagons; published ports are thick arrows.
/// </summary>
public static class MermaidWriter
{
    public static string Write(LabGraph graph)
    {
        var text = new StringBuilder($"%% lab {graph.Lab}, drawn by topo graph{(graph.Live ? " --live: " + DriftStyle.Legend : "")}\nflowchart LR\n");
        foreach (var node in graph.Nodes)
        {
            var (open, close) = node.Kind switch
            {
                GraphNodeKind.Host => ("[[", "]]"),
                GraphNodeKind.Bridge => ("{{", "}}"),
                _ => ("(", ")"),
            };
            text.Append($"    {node.Id}{open}\"{Escape(string.Join("\n", [node.Title, .. node.Details]))}\"{close}\n");
        }

        foreach (var edge in graph.Edges)
        {
            var link = edge.Kind switch
            {
                GraphEdgeKind.Port => "==>",
                GraphEdgeKind.Veth => "---",
                _ => "-.-",
            };
            var label = Label(edge);
            text.Append($"    {edge.From} {link}{(label is null ? "" : $"|\"{Escape(label)}\"|")} {edge.To}\n");
        }

        if (graph.Live) AppendDrift(text, graph);
        return text.ToString();
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
        _ => edge.Label,
    };

    private static string Flat(string? label) => (label ?? "").Replace('\n', ' ');

    /// <summary>Mermaid's entity codes for what would end a quoted label or be read as HTML; new lines become breaks.</summary>
    private static string Escape(string text) =>
        text.Replace("#", "#35;", StringComparison.Ordinal).Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal)
            .Replace("\n", "<br/>", StringComparison.Ordinal);
}

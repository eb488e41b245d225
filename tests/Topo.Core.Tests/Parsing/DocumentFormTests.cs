using Topo.Core.Model;
using Topo.Core.Parsing;

namespace Topo.Core.Tests.Parsing;

/// <summary>Ways of writing the same document that editors and tools produce.</summary>
public sealed class DocumentFormTests
{
    [Theory]
    [InlineData("version: 1\r\nlab: demo\r\nnodes:\r\n  box1: {}\r\n")]
    [InlineData("\uFEFFversion: 1\nlab: demo\nnodes:\n  box1: {}\n")]
    [InlineData("%YAML 1.2\n---\nversion: 1\nlab: demo\nnodes:\n  box1: {}\n...\n")]
    [InlineData("version: 1\nlab: demo\nnodes:\n  box1: {}")]
    public void Line_endings_a_byte_order_mark_and_document_markers_change_nothing(string text)
    {
        var result = LabParser.Parse(text);

        Assert.True(result.Ok, string.Join("\n", result.Diagnostics.Select(d => d.Format("t.yaml"))));
        var lines = text.Split('\n');
        var nodesLine = Array.FindIndex(lines, l => l.StartsWith("nodes:", StringComparison.Ordinal)) + 1;
        Assert.Equal(new Located<string>("box1", new SourceMark(nodesLine + 1, 3)), result.Lab!.Nodes.Single().Name);
    }

    [Theory]
    [InlineData("---\n")]
    [InlineData("   \n\n")]
    [InlineData("~\n")]
    public void A_document_with_no_value_is_an_empty_file(string text)
    {
        var diagnostic = Assert.Single(LabParser.Parse(text).Diagnostics);

        Assert.Equal("t.yaml:1:1: the file is empty: a lab file needs at least 'version: 1' and 'lab: NAME'", diagnostic.Format("t.yaml"));
    }
}

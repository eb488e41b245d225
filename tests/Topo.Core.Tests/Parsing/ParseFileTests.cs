using System.Text;
using Topo.Core.Model;
using Topo.Core.Parsing;

namespace Topo.Core.Tests.Parsing;

public sealed class ParseFileTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly string directory = Directory.CreateTempSubdirectory("topo-parse-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    /// <summary>A valid lab padded with a comment to exactly <paramref name="bytes"/> bytes.</summary>
    private static string LabOfSize(int bytes)
    {
        const string lab = "version: 1\nlab: big\n# ";
        return lab + new string('x', bytes - lab.Length - 1) + "\n";
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_at_1_1()
    {
        var result = LabParser.ParseFile(Write("big.yaml", LabOfSize(MiB + 1)));

        Assert.Null(result.Lab);
        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("big.yaml:1:1: the file is 1,048,577 bytes; a lab file may be at most 1 MiB (1,048,576 bytes)", diagnostic.Format("big.yaml"));
    }

    [Fact]
    public void A_file_of_exactly_one_mebibyte_is_read()
    {
        var result = LabParser.ParseFile(Write("limit.yaml", LabOfSize(MiB)));

        Assert.True(result.Ok);
        Assert.Equal("big", result.Lab!.Lab.Value);
    }

    [Fact]
    public void Text_over_one_mebibyte_is_refused_too()
    {
        var diagnostic = Assert.Single(LabParser.Parse(LabOfSize(MiB + 1)).Diagnostics);

        Assert.Equal(new SourceMark(1, 1), diagnostic.Mark);
        Assert.StartsWith("the file is 1,048,577 bytes", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_an_error_not_an_exception()
    {
        var result = LabParser.ParseFile(Path.Combine(directory, "nope.yaml"));

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.StartsWith("cannot read the file: ", diagnostic.Message, StringComparison.Ordinal);
        Assert.Null(result.Lab);
    }

    [Fact]
    public void A_directory_is_an_error_not_an_exception()
    {
        var diagnostic = Assert.Single(LabParser.ParseFile(directory).Diagnostics);

        Assert.StartsWith("cannot read the file: ", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_alias_bomb_fails_at_its_first_anchor()
    {
        // A billion-laughs file: expanding it would take gigabytes; refusing the first anchor takes nothing.
        var text = new StringBuilder("version: 1\nlab: bomb\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 30; i++)
        {
            text.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var result = LabParser.Parse(text.ToString());

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(new SourceMark(3, 5), diagnostic.Mark);
        Assert.StartsWith("anchors and aliases", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_lab_parses_with_everything_in_it()
    {
        const int count = 5000;
        var text = new StringBuilder("version: 1\nlab: large\nbridges:\n  br0: {subnet: 10.0.0.0/8}\nnodes:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($"  n{i}:\n    sysctls: {{net.ipv4.ip_forward: 1}}\n");
        }

        text.Append("links:\n");
        for (var i = 0; i < count; i++)
        {
            text.Append($"  - [n{i}:eth0, br0]\n");
        }

        var result = LabParser.ParseFile(Write("large.yaml", text.ToString()));

        Assert.True(result.Ok);
        Assert.Equal(count, result.Lab!.Nodes.Length);
        Assert.Equal(count, result.Lab.Links.Length);
        Assert.Equal($"n{count - 1}:eth0", result.Lab.Links[^1].Endpoints[0].Value);
    }
}

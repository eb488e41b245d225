using System.Text.Json;

namespace Topo.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly List<string> _files = [];

    public void Dispose()
    {
        foreach (var file in _files) File.Delete(file);
    }

    public static TheoryData<string> Examples() =>
        new(Directory.GetFiles(Path.Combine(CliRun.Repo(), "examples"), "*.yaml").Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_is_valid(string example)
    {
        var run = CliRun.Of("validate", Path.Combine(CliRun.Repo(), "examples", example));

        Assert.Equal("", run.Error);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(": valid lab '", run.Out);
    }

    [Fact]
    public void An_invalid_file_prints_every_error_on_stderr_and_exits_1()
    {
        var file = WriteLab("""
            version: 1
            lab: demo
            nodes:
              box1: {}
            links:
              - [box1:eth0, box9:eth0]
              - [box1:eth1, nowhere]
            """);

        var run = CliRun.Of("validate", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var lines = run.Error.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.StartsWith($"{file}:6:", lines[0]);
        Assert.Contains("box9", lines[0]);
        Assert.StartsWith($"{file}:7:", lines[1]);
        Assert.Contains("nowhere", lines[1]);
    }

    [Fact]
    public void Json_output_lists_errors_with_their_place()
    {
        var file = WriteLab("version: 1\nlab: demo\nnodes:\n  box1: {subent: 10.0.0.0/24}\n");

        var run = CliRun.Of("validate", file, "--output", "json");

        Assert.Equal(1, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.False(doc.RootElement.GetProperty("valid").GetBoolean());
        var error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        Assert.Contains("subent", error.GetProperty("message").GetString());
    }

    [Fact]
    public void Json_output_of_a_valid_file_names_the_lab()
    {
        var run = CliRun.Of("validate", Path.Combine(CliRun.Repo(), "examples", "dockerish.yaml"), "-o", "json");

        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        Assert.True(doc.RootElement.GetProperty("valid").GetBoolean());
        Assert.Equal("dockerish", doc.RootElement.GetProperty("lab").GetString());
        Assert.Empty(doc.RootElement.GetProperty("errors").EnumerateArray());
    }

    private string WriteLab(string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"topo-{Guid.NewGuid():n}.yaml");
        File.WriteAllText(path, text);
        _files.Add(path);
        return path;
    }
}

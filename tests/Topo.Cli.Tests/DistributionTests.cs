using Topo.Testing.Kernel;
using System.Diagnostics;
using Topo.Cli.Commands;

namespace Topo.Cli.Tests;

/// <summary>
/// Shell completion: the script <c>topo completion bash</c> prints, and the candidates topo gives through the
/// <c>[suggest]</c> directive the script calls. (Packing and installing the tool is slow: <c>dist/check</c>.)
/// </summary>
public sealed class DistributionTests
{
    [Fact]
    public void The_bash_script_is_valid_bash_and_asks_topo_through_the_suggest_directive()
    {
        var run = CliRun.Of("completion", "bash");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"[suggest:${#line}]\"", run.Out);
        Assert.Contains("complete -o bashdefault -o default -F _topo_complete topo", run.Out);
        var check = Bash("-n", "-c", run.Out);
        Assert.True(check.ExitCode == 0, check.Error);
    }

    [Fact]
    public void Only_bash_is_offered()
    {
        var run = CliRun.Of("completion", "zsh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("zsh", run.Error);
    }

    [Theory]
    [InlineData("topo pl", "plan")]
    [InlineData("topo graph x.yaml --format ", "dot mermaid svg")]
    [InlineData("topo graph x.yaml --format s", "svg")]
    [InlineData("topo completion b", "bash")]
    public void Topo_suggests_commands_and_option_values(string line, string expected)
    {
        var run = CliRun.Of($"[suggest:{line.Length}]", line);

        Assert.Equal(0, run.ExitCode);
        // topo offers words that contain the typed word; the script keeps those that start with it, as here.
        var word = line[(line.LastIndexOf(' ') + 1)..];
        Assert.Equal(expected.Split(' '), Lines(run.Out).Where(candidate => candidate.StartsWith(word, StringComparison.Ordinal)));
    }

    [Fact]
    public void A_file_argument_is_completed_with_lab_files_and_folders_only()
    {
        var dir = Directory.CreateTempSubdirectory("topo-completion-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "lab.yaml"), "");
            File.WriteAllText(Path.Combine(dir, "other.yml"), "");
            File.WriteAllText(Path.Combine(dir, "notes.txt"), "");
            File.WriteAllText(Path.Combine(dir, ".hidden.yaml"), "");
            Directory.CreateDirectory(Path.Combine(dir, "labs"));
            var line = $"topo plan {dir}/";

            var run = CliRun.Of($"[suggest:{line.Length}]", line);

            Assert.Equal(0, run.ExitCode);
            Assert.Equal([$"{dir}/lab.yaml", $"{dir}/labs/", $"{dir}/other.yml"], Lines(run.Out).Where(candidate => candidate.StartsWith(dir, StringComparison.Ordinal)));
            Assert.Equal([$"{dir}/lab.yaml", $"{dir}/labs/"], CompletionCommand.LabFiles($"{dir}/la").Select(item => item.Label));
            Assert.Equal([$"{dir}/.hidden.yaml"], CompletionCommand.LabFiles($"{dir}/.").Select(item => item.Label));
            Assert.Empty(CompletionCommand.LabFiles($"{dir}/nowhere/"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The script as bash runs it on a TAB, calling the topo built next to these tests.</summary>
    [Theory]
    [InlineData("topo pl", "plan")]
    [InlineData("topo graph x.yaml --format ", "dot mermaid svg")]
    public void The_script_completes_through_topo(string line, string expected)
    {
        var topo = Path.Combine(AppContext.BaseDirectory, "topo.dll");
        var script = CliRun.Of("completion", "bash").Out + $$"""
            topo() { dotnet '{{topo}}' "$@"; }
            COMP_LINE='{{line}}'
            COMP_POINT=${#COMP_LINE}
            read -ra COMP_WORDS <<<"$COMP_LINE"
            if [[ $COMP_LINE == *' ' ]]; then COMP_WORDS+=(''); fi
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
            _topo_complete 2>/dev/null
            echo "${COMPREPLY[*]}"
            """;

        var run = Bash("-c", script);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(expected, run.Out.Trim());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static CliRun Bash(params string[] args)
    {
        var start = new ProcessStartInfo("bash", args) { RedirectStandardOutput = true, RedirectStandardError = true };
        var done = FinishedProcess.Run(start);
        return new CliRun(done.ExitCode, done.Out, done.Error);
    }
}

namespace Topo.Cli.Tests;

/// <summary>What help shows for arguments, and what a wrong option on the command line is told.</summary>
public sealed class UsageTests
{
    public static TheoryData<string> CommandsWithAFile() =>
        new("validate", "plan", "apply", "down", "status", "graph", "check", "inspect", "explain", "trace", "capture");

    /// <summary>
    /// The tests run in the build folder, which has folders of its own (cs/, de/, runtimes/...): the lab-file
    /// completion offers them, and help must not show them as if they were the argument's values.
    /// </summary>
    [Theory]
    [MemberData(nameof(CommandsWithAFile))]
    public void Help_names_the_file_argument_FILE(string command)
    {
        var run = CliRun.Of(command, "--help");

        Assert.Equal(0, run.ExitCode);
        var arguments = ArgumentsSection(run.Out);
        Assert.StartsWith("<FILE>", arguments[0].TrimStart());
        Assert.DoesNotContain("/|", run.Out);
    }

    [Fact]
    public void Help_of_topo_lists_no_folders()
    {
        var run = CliRun.Of("--help");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("/|", run.Out);
    }

    [Fact]
    public void An_unknown_option_before_the_file_is_blamed_not_the_file()
    {
        var run = CliRun.Of("check", "--bogus", "lab.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Unrecognized option '--bogus'", run.Error);
        Assert.DoesNotContain("lab.yaml", run.Error);
        Assert.DoesNotContain("Did you mean", run.Error);
    }

    [Theory]
    [InlineData("check", "--outptu", "--output")]
    [InlineData("apply", "--quite", "--quiet")]
    [InlineData("plan", "--verbos", "--verbose")]
    public void An_unknown_option_near_a_real_one_suggests_it(string command, string written, string meant)
    {
        var before = CliRun.Of(command, written, "lab.yaml");
        var after = CliRun.Of(command, "lab.yaml", written);

        foreach (var run in new[] { before, after })
        {
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"Unrecognized option '{written}'. Did you mean '{meant}'?", run.Error);
        }
    }

    [Fact]
    public void A_word_after_a_double_dash_is_an_argument_not_an_option()
    {
        var run = CliRun.Of("validate", "--", "--bogus");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("Unrecognized option", run.Error);
        Assert.Contains("--bogus", run.Error);
    }

    private static string[] ArgumentsSection(string help)
    {
        var lines = help.Split('\n');
        var start = Array.FindIndex(lines, line => line.StartsWith("Arguments:", StringComparison.Ordinal));
        Assert.True(start >= 0, help);
        return [.. lines.Skip(start + 1).TakeWhile(line => line.Trim().Length > 0)];
    }
}

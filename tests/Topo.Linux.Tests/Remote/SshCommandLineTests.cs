using Topo.Linux.Remote;

namespace Topo.Linux.Tests.Remote;

public sealed class SshCommandLineTests
{
    private static readonly RemoteHost H2 = new("h2", "root@h2");

    [Fact]
    public void One_shared_connection_per_host_in_batch_mode_with_the_timeouts_given()
    {
        var options = new SshOptions { ConnectTimeout = TimeSpan.FromSeconds(3), ControlPersist = TimeSpan.FromSeconds(60) };

        var line = SshCommandLine.For(H2, options, ["plan", "-"]);

        Assert.Equal(
            ["-o", "BatchMode=yes", "-o", "ConnectTimeout=3", "-o", "ControlMaster=auto", "-o", "ControlPath=/run/topo/ssh/%C", "-o", "ControlPersist=60",
             "-T", "--", "root@h2", "topo plan -"],
            line);
    }

    [Fact]
    public void A_config_file_is_passed_first_and_the_remote_command_replaces_topo()
    {
        var options = new SshOptions { ConfigFile = "/tmp/cfg", ControlDirectory = "/run/x", RemoteCommand = ["dotnet", "/opt/topo dir/topo.dll"] };

        var line = SshCommandLine.For(H2, options, ["--version"]);

        Assert.Equal(["-F", "/tmp/cfg"], line.Take(2));
        Assert.Contains("ControlPath=/run/x/%C", line);
        Assert.Equal("dotnet '/opt/topo dir/topo.dll' --version", line[^1]);
    }

    [Theory]
    [InlineData("apply", "apply")]
    [InlineData("--output=json", "--output=json")]
    [InlineData("", "''")]
    [InlineData("a b", "'a b'")]
    [InlineData("it's", @"'it'\''s'")]
    [InlineData("$HOME;rm", "'$HOME;rm'")]
    public void Words_are_quoted_for_the_far_side_shell_only_when_they_need_it(string word, string quoted) =>
        Assert.Equal(quoted, SshCommandLine.Quote(word));
}

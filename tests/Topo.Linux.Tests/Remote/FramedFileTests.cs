using Topo.Linux.Remote;

namespace Topo.Linux.Tests.Remote;

public sealed class FramedFileTests
{
    [Fact]
    public void A_framed_file_is_read_whole_and_what_follows_stays_unread()
    {
        var text = "version: 1\nlab: x # ünïcode\n";
        using var input = new StringReader(FramedFile.Frame(text) + "go\n");

        Assert.Equal(text, FramedFile.Read(input));
        Assert.Equal("go", input.ReadLine());
    }

    [Fact]
    public void Without_the_frame_line_the_file_is_all_of_the_input()
    {
        using var input = new StringReader("version: 1\nlab: x\n");

        Assert.Equal("version: 1\nlab: x\n", FramedFile.Read(input));
    }

    [Fact]
    public void The_frame_line_is_a_yaml_comment() => Assert.StartsWith("# ", FramedFile.Frame("x"));
}

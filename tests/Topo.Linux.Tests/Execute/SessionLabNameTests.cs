namespace Topo.Linux.Tests.Execute;

public sealed class SessionLabNameTests
{
    // A path that cannot be entered: a name the rule lets through fails later, and not with ArgumentException.
    private static readonly KernelOptions Nowhere = new("/nonexistent/ns", "/nonexistent/netns", "/nonexistent/topo");

    [Theory]
    [InlineData("thirteen-char")]
    [InlineData("Lab")]
    [InlineData("a/b")]
    [InlineData("lab\n")]
    public void A_session_takes_only_a_name_a_lab_file_could_give(string lab)
    {
        var e = Assert.Throws<ArgumentException>(() => KernelSession.Open(lab, Nowhere));
        Assert.Equal("lab", e.ParamName);
    }
}

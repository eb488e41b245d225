using System.Collections.Immutable;
using Topo.Core.Explain;
using Topo.Core.Planning;
using Topo.Core.State;

namespace Topo.Core.Kinds;

/// <summary>
/// <c>/etc/netns/NODE/hosts</c> (iproute2's convention: <c>ip netns exec</c> and <c>topo exec</c> show it as
/// <c>/etc/hosts</c>), by which a node of a lab with <c>names: true</c> resolves its neighbours. A file, not a
/// kernel object, but a resource like any other: its first line is the lab's mark (<see cref="MarkLine"/>), the
/// rest is compared. Keyed in the node's namespace, so a lab of several hosts writes it where the node is; it
/// does not go with the namespace, as the kernel's objects do (<see cref="ResourceClaims.Carriers"/>).
/// </summary>
/// <param name="Text">The lines after the mark, each ending in a newline.</param>
public sealed record HostsFileResource(Netns Ns, string Text) : Resource
{
    public const string Directory = "/etc/netns";

    public const string FileName = "hosts";

    /// <summary>Whether topo made the node's directory under /etc/netns with the file (read back from the mark), so removes it with the file.</summary>
    public bool MadeDirectory { get; init; }

    public override ResourceKey Key => new(ResourceKind.HostsFile, Ns, FileName);

    public override IEnumerable<ResourceKey> Dependencies => [];

    public override IEnumerable<Attr> Attributes => [new("content", Text, AttrUpdate.InPlace)];

    /// <summary>The node whose file it is: its namespace's name.</summary>
    public string Node => Ns.Id;

    /// <summary>Where iproute2 looks for it, under <paramref name="root"/> (a test's stand-in for /etc/netns).</summary>
    public string PathUnder(string root) => $"{root}/{Node}/{FileName}";

    public override string Describe(NamespaceNames names) => $"hosts file {PathUnder(Directory)}";

    private const string Says = "names of the nodes this one shares a bridge or link with; topo rewrites it, and 'topo down' removes it";

    private const string AndDirectory = " and its directory";

    /// <summary>The file's first line: the lab's mark, and whether topo made the directory (so <c>down</c> removes it).</summary>
    public static string MarkLine(string mark, bool madeDirectory) => $"# {mark} {Says}{(madeDirectory ? AndDirectory : "")}";

    /// <summary>A file's text as read: the lab of its mark (null for a file topo did not write), whether topo made its directory, and the rest.</summary>
    public static (string? Lab, bool MadeDirectory, string Text) Parse(string content)
    {
        var newline = content.IndexOf('\n');
        var first = newline < 0 ? content : content[..newline];
        var words = first.Split(' ', 3);
        if (words is not ["#", var mark, var says] || Ownership.LabOf(mark) is not { } lab || !says.StartsWith(Says, StringComparison.Ordinal))
            return (null, false, content);
        return (lab, says.EndsWith(AndDirectory, StringComparison.Ordinal), newline < 0 ? "" : content[(newline + 1)..]);
    }
}

/// <summary>A hosts file by hand: the directory, then the file as a here-document, mark first.</summary>
internal sealed class HostsFileText : KindText<HostsFileResource>
{
    private protected override IEnumerable<string> Create(HostsFileResource h, ExplainContext x) =>
    [
        $"mkdir -p {ShellWords.Quote($"{HostsFileResource.Directory}/{h.Node}")}",
        $"cat > {ShellWords.Quote(h.PathUnder(HostsFileResource.Directory))} <<EOF\n{HostsFileResource.MarkLine(x.Mark, madeDirectory: false)}\n{h.Text}EOF",
    ];

    private protected override IEnumerable<string> Update(HostsFileResource h, ImmutableArray<AttrChange> changes, ExplainContext x) => Create(h, x);

    private protected override IEnumerable<string> Delete(HostsFileResource h, ExplainContext x) =>
    [
        $"rm -f {ShellWords.Quote(h.PathUnder(HostsFileResource.Directory))}",
        .. h.MadeDirectory ? [$"rmdir --ignore-fail-on-non-empty {ShellWords.Quote($"{HostsFileResource.Directory}/{h.Node}")}"] : Array.Empty<string>(),
    ];
}

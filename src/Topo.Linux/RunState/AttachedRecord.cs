using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Linux.RunState;

/// <summary>
/// The existing namespaces a lab attaches to (<c>netns:</c>), one per line in <c>STATE/LAB/attached</c>
/// as <c>PATH</c> TAB <c>NODE</c>: the kernel marks the lab's interfaces there, but nothing says where to
/// look for them, and <c>down --lab</c>, <c>inspect --lab</c> and <c>exec --lab</c> have no file. Its nodes on
/// the host network are there too, as <c>host</c> TAB <c>NODE</c>, for <c>exec --lab</c>. Written
/// before an apply changes anything, trimmed to the file's namespaces once it succeeded, removed by <c>down</c>.
/// </summary>
public sealed class AttachedRecord(string stateDirectory, string lab)
{
    /// <summary>The recorded paths of <paramref name="lab"/>'s attached namespaces (none when it has no record).</summary>
    public static IReadOnlyList<Netns> Read(string stateDirectory, string lab) => new AttachedRecord(stateDirectory, lab).Paths();

    /// <summary>The recorded path of <paramref name="node"/>, attached by <paramref name="lab"/>'s last apply; null when there is none.</summary>
    public static Netns? PathOf(string stateDirectory, string lab, string node) =>
        new AttachedRecord(stateDirectory, lab).Entries().LastOrDefault(e => e.Node == node)?.Ns;

    private readonly string _labDirectory = Path.Combine(stateDirectory, lab);

    private string FilePath => Path.Combine(_labDirectory, "attached");

    public IReadOnlyList<Netns> Paths() => [.. Entries().Where(e => e.Ns.IsAttached).Select(e => e.Ns).Distinct()];

    /// <summary>Adds <paramref name="attached"/> to the record (an apply that fails half-way may have left objects in any of them).</summary>
    public void Add(IEnumerable<SharedNamespace> attached) => Write([.. Entries(), .. attached]);

    /// <summary>The record becomes exactly <paramref name="attached"/>; none, no record.</summary>
    public void Replace(IEnumerable<SharedNamespace> attached) => Write([.. attached]);

    private List<SharedNamespace> Entries() =>
        File.Exists(FilePath)
            ? [.. File.ReadAllLines(FilePath).Where(line => line.StartsWith('/') || line.StartsWith(HostLine, StringComparison.Ordinal)).Select(Parse)]
            : [];

    // A line written before nodes were recorded has the path alone.
    private static SharedNamespace Parse(string line) =>
        line.Split('\t') is [var path, var node, ..] ? new SharedNamespace(node, path == Host ? Netns.Host : path) : new SharedNamespace("", line);

    private const string Host = "host";

    private const string HostLine = Host + "\t";

    private void Write(List<SharedNamespace> entries)
    {
        var lines = entries.Select(e => e.Node.Length == 0 ? e.Ns.Id : $"{(e.Ns.IsHost ? Host : e.Ns.Id)}\t{e.Node}").Distinct(StringComparer.Ordinal).ToList();
        var now = File.Exists(FilePath) ? File.ReadAllLines(FilePath).ToList() : [];
        if (lines.SequenceEqual(now, StringComparer.Ordinal)) return;
        if (lines.Count == 0)
        {
            File.Delete(FilePath);
            EmptyDirectory.Remove(_labDirectory);
            return;
        }

        Directory.CreateDirectory(_labDirectory);
        // Written aside and renamed over the old one: a crash leaves the old record or the new one, whole.
        var aside = Path.Combine(_labDirectory, $".attached.{Guid.NewGuid():n}");
        File.WriteAllLines(aside, lines);
        File.Move(aside, FilePath, overwrite: true);
    }
}

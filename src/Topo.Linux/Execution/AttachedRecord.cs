namespace Topo.Linux.Execution;

/// <summary>
/// The paths of the existing namespaces a lab attaches to (<c>netns:</c>), one per line in
/// <c>STATE/LAB/attached</c>: the kernel marks the lab's interfaces there, but nothing says where to look
/// for them, and <c>down --lab</c> has no file. Written before an apply changes anything, trimmed to the
/// file's paths once it succeeded, removed by <c>down</c>.
/// </summary>
public sealed class AttachedRecord(string stateDirectory, string lab)
{
    /// <summary>The recorded paths of <paramref name="lab"/>'s attached namespaces (none when it has no record).</summary>
    public static IReadOnlyList<string> Read(string stateDirectory, string lab) => new AttachedRecord(stateDirectory, lab).Paths();

    private readonly string _labDirectory = Path.Combine(stateDirectory, lab);

    private string FilePath => Path.Combine(_labDirectory, "attached");

    public IReadOnlyList<string> Paths() =>
        File.Exists(FilePath) ? [.. File.ReadAllLines(FilePath).Where(line => line.StartsWith('/')).Distinct(StringComparer.Ordinal)] : [];

    /// <summary>Adds <paramref name="paths"/> to the record (an apply that fails half-way may have left objects in any of them).</summary>
    public void Add(IEnumerable<string> paths) => Write([.. Paths(), .. paths]);

    /// <summary>The record becomes exactly <paramref name="paths"/>; no paths, no record.</summary>
    public void Replace(IEnumerable<string> paths) => Write([.. paths]);

    private void Write(List<string> paths)
    {
        var distinct = paths.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.SequenceEqual(Paths(), StringComparer.Ordinal)) return;
        if (distinct.Count == 0)
        {
            File.Delete(FilePath);
            if (Directory.Exists(_labDirectory) && !Directory.EnumerateFileSystemEntries(_labDirectory).Any()) Directory.Delete(_labDirectory);
            return;
        }

        Directory.CreateDirectory(_labDirectory);
        // Written aside and renamed over the old one: a crash leaves the old record or the new one, whole.
        var aside = Path.Combine(_labDirectory, $".attached.{Guid.NewGuid():n}");
        File.WriteAllLines(aside, distinct);
        File.Move(aside, FilePath, overwrite: true);
    }
}

namespace Topo.Linux.RunState;

/// <summary>The lab's state directories go once nothing is left in them, so <c>down</c> leaves no trace under <c>/run/topo</c>.</summary>
internal static class EmptyDirectory
{
    public static void Remove(string directory)
    {
        try
        {
            if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any()) Directory.Delete(directory);
        }
        catch (IOException)
        {
            // Another command wrote a record there meanwhile, or took the directory away: either way it is not ours to remove.
        }
    }
}

using System.Collections.Immutable;
using Topo.Core.Kinds;
using Topo.Core.Planning;
using Topo.Core.State;
using Topo.Linux.RunState;

namespace Topo.Linux.Kinds;

/// <summary>
/// The nodes' hosts files under /etc/netns (<see cref="KindContext.HostsDirectory"/>): written whole beside the
/// old one and renamed over it, so a crash leaves the old file or the new one; made only where no file is, so a
/// file topo did not write is never replaced; read back by their first line, the lab's mark.
/// </summary>
internal sealed class HostsFileDriver : KindDriver<HostsFileResource>
{
    /// <summary>The new file while it is written, before it is renamed into place.</summary>
    public const string Aside = ".hosts.topo";

    /// <summary>
    /// The hosts files of <paramref name="lab"/> under <paramref name="root"/>, and the file of each node of
    /// <paramref name="wanted"/> whoever wrote it (another lab's, or one without a mark, is in the lab's way).
    /// </summary>
    public static List<HostsFileResource> Read(string root, string lab, IEnumerable<string> wanted)
    {
        var found = new List<HostsFileResource>();
        if (!Directory.Exists(root)) return found;
        var want = wanted.ToHashSet(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(root))
        {
            var node = Path.GetFileName(directory);
            string content;
            try
            {
                content = File.ReadAllText(Path.Combine(directory, HostsFileResource.FileName));
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
            {
                continue;
            }

            var (owner, madeDirectory, text) = HostsFileResource.Parse(content);
            if (owner == lab || want.Contains(node)) found.Add(new HostsFileResource(Netns.Of(node), text) { Owner = owner, MadeDirectory = madeDirectory });
        }

        return found;
    }

    protected override void Create(HostsFileResource file, KindContext x)
    {
        var directory = Path.Combine(x.HostsDirectory, file.Node);
        var made = !Directory.Exists(directory);
        Attempt(file, "writing", () =>
        {
            Directory.CreateDirectory(directory);
            Write(file, x, made, replace: false);
        });
    }

    // The file is the lab's: it keeps saying whether topo made its directory.
    protected override void Update(HostsFileResource file, ImmutableArray<AttrChange> changes, KindContext x) =>
        Attempt(file, "rewriting", () =>
        {
            var path = file.PathUnder(x.HostsDirectory);
            var made = File.Exists(path) && HostsFileResource.Parse(File.ReadAllText(path)).MadeDirectory;
            Write(file, x, made, replace: true);
        });

    protected override void Delete(HostsFileResource file, KindContext x) =>
        Attempt(file, "removing", () =>
        {
            File.Delete(file.PathUnder(x.HostsDirectory));
            if (file.MadeDirectory) EmptyDirectory.Remove(Path.Combine(x.HostsDirectory, file.Node));
        });

    private static void Write(HostsFileResource file, KindContext x, bool madeDirectory, bool replace)
    {
        var directory = Path.Combine(x.HostsDirectory, file.Node);
        var aside = Path.Combine(directory, Aside);
        File.WriteAllText(aside, HostsFileResource.MarkLine(Ownership.Mark(file.Owner!), madeDirectory) + "\n" + file.Text);
        // 0644 whatever the umask, as /etc/hosts is: every program in the node reads it.
        if (OperatingSystem.IsLinux()) File.SetUnixFileMode(aside, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        try
        {
            // Without overwrite the rename fails where a file appeared since the plan was made: it is not the lab's.
            File.Move(aside, file.PathUnder(x.HostsDirectory), overwrite: replace);
        }
        catch (IOException) when (!replace && File.Exists(file.PathUnder(x.HostsDirectory)))
        {
            File.Delete(aside);
            throw new KernelException($"writing {file.Describe()}", Errors.EEXIST, "a file topo did not write is there now; remove it, or leave names: out of the lab file");
        }
    }

    private static void Attempt(HostsFileResource file, string doing, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelException($"{doing} {file.Describe()}", 0, e.Message, e);
        }
    }
}

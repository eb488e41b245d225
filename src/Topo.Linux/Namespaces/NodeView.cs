using Tmds.Linux;

namespace Topo.Linux.Namespaces;

/// <summary>
/// The file system as <c>ip netns exec</c> shows it to a command: for the calling thread alone, a mount
/// namespace of its own whose mounts never reach back to the machine's, a fresh sysfs (a sysfs shows the
/// interfaces of the network namespace of whoever mounts it), and each entry of <c>/etc/netns/NODE/</c>
/// bind-mounted over its namesake in <c>/etc</c>. Only for a thread that replaces the process next.
/// </summary>
internal static class NodeView
{
    public static void Enter(string node, string etcDirectory)
    {
        if (LibC.unshare(LibC.CLONE_NEWNS) != 0) throw Errors.Last($"making a mount namespace for '{node}'");
        // Slave, not private: the machine's later mounts still show, none of the command's go back.
        NativePath.Mount("", "/", "none", LibC.MS_SLAVE | LibC.MS_REC, $"keeping the mounts of '{node}' to itself");
        ulong_t flags = SysIsReadOnly() ? LibC.MS_RDONLY : 0;
        NativePath.TryUnmount("/sys", LibC.MNT_DETACH);
        NativePath.Mount(node, "/sys", "sysfs", flags, $"mounting the sysfs of '{node}' on /sys");
        var own = Path.Combine(etcDirectory, node);
        if (!Directory.Exists(own)) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries(own))
        {
            var name = Path.GetFileName(entry);
            // A file topo writes aside before renaming it into place is no file of the node's.
            if (name == Kinds.HostsFileDriver.Aside) continue;
            var target = Path.Combine("/etc", name);
            // As ip netns exec: an entry with nothing to lie over in /etc is skipped, and the command runs all the same.
            if (NativePath.TryMount(entry, target, "none", LibC.MS_BIND) is var errno and not 0)
                Console.Error.WriteLine($"topo: {entry} not bound over {target}: {Errors.Describe(errno)}");
        }
    }

    // ip netns exec keeps /sys read-only where it was (a container's): the mount options of /sys in mountinfo say.
    private static bool SysIsReadOnly() =>
        File.ReadLines("/proc/thread-self/mountinfo")
            .Select(line => line.Split(' '))
            .LastOrDefault(fields => fields.Length > 5 && fields[4] == "/sys") is { } sys && sys[5].Split(',').Contains("ro");
}

using System.Text;
using Tmds.Linux;

namespace Topo.Linux;

/// <summary>libc calls that take a path, with the NUL-terminated UTF-8 the kernel wants.</summary>
internal static unsafe class NativePath
{
    public static int Open(string path, int flags, string context, mode_t mode = default)
    {
        fixed (byte* p = Terminated(path))
        {
            var fd = LibC.open(p, flags, mode);
            if (fd < 0) throw Errors.Last(context);
            return fd;
        }
    }

    /// <summary>Makes the directory (mode 0755) unless it is there.</summary>
    public static void MakeDirectory(string path)
    {
        fixed (byte* p = Terminated(path))
        {
            if (LibC.mkdir(p, 493) != 0 && LibC.errno != Errors.EEXIST) throw Errors.Last($"making the directory {path}");
        }
    }

    public static void Mount(string? source, string target, string? fsType, ulong_t flags, string context)
    {
        fixed (byte* s = source is null ? null : Terminated(source))
        fixed (byte* t = Terminated(target))
        fixed (byte* f = fsType is null ? null : Terminated(fsType))
        {
            if (LibC.mount(s, t, f, flags, null) != 0) throw Errors.Last(context);
        }
    }

    /// <summary>Returns the errno, or 0 on success: callers decide which failures are fine.</summary>
    public static int TryMount(string? source, string target, string? fsType, ulong_t flags)
    {
        fixed (byte* s = source is null ? null : Terminated(source))
        fixed (byte* t = Terminated(target))
        fixed (byte* f = fsType is null ? null : Terminated(fsType))
        {
            return LibC.mount(s, t, f, flags, null) == 0 ? 0 : LibC.errno;
        }
    }

    public static int TryUnmount(string target, int flags)
    {
        fixed (byte* t = Terminated(target))
        {
            return LibC.umount2(t, flags) == 0 ? 0 : LibC.errno;
        }
    }

    public static int TryUnlink(string path)
    {
        fixed (byte* p = Terminated(path))
        {
            return LibC.unlink(p) == 0 ? 0 : LibC.errno;
        }
    }

    /// <summary>The file's device and inode numbers, or null when it cannot be looked at.</summary>
    public static (ulong Dev, ulong Ino)? TryIdentity(string path)
    {
        stat info;
        fixed (byte* p = Terminated(path))
        {
            if (LibC.stat(p, &info) != 0) return null;
        }

        return ((ulong)info.st_dev, (ulong)info.st_ino);
    }

    private static byte[] Terminated(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}

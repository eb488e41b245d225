using Tmds.Linux;

namespace Topo.Linux;

/// <summary>
/// The process's table of file descriptors. The kernel doubles it as it fills (64, 128, 256, 512,
/// ...), and while threads share it each doubling waits for an RCU grace period (~5-15 ms on a
/// small VM). Reading N namespaces holds two descriptors per namespace at once, so a read of 200
/// waited three times. Grown once, on a thread of its own while the caller parses its file, the
/// table costs one wait, and only what is left of it when the read needs the room.
/// </summary>
public static unsafe class DescriptorTable
{
    // The first doubling (from 64) is one wait whenever it comes, and a small lab never needs it:
    // only room for more is worth growing for ahead (a process does not exit while the wait lasts).
    private const int FirstDoubling = 128;

    /// <summary>Starts making room for <paramref name="count"/> descriptors and returns at once; nothing happens for a count one doubling covers.</summary>
    public static void ReserveAhead(int count)
    {
        if (count <= FirstDoubling) return;
        new Thread(() => Reserve(count)) { IsBackground = true, Name = "descriptor table" }.Start();
    }

    /// <summary>The descriptor the next one opened would get (the lowest free), or -1 when none is.</summary>
    internal static int LowestFree()
    {
        var fd = OpenRoot();
        if (fd >= 0) LibC.close(fd);
        return fd;
    }

    /// <summary>As <see cref="ReserveAhead"/>, on the calling thread, returning once the table has grown.</summary>
    internal static void Reserve(int count)
    {
        var fd = OpenRoot();
        if (fd < 0) return;
        // A duplicate at the highest slot wanted grows the table to hold it; the slot is given back at once.
        // Past the limit on descriptors the kernel refuses, and the table grows as it always did.
        var high = LibC.fcntl(fd, LibC.F_DUPFD_CLOEXEC, count - 1);
        if (high >= 0) LibC.close(high);
        LibC.close(fd);
    }

    // Any descriptor will do; the root directory is always there to open.
    private static int OpenRoot()
    {
        fixed (byte* root = "/\0"u8) return LibC.open(root, LibC.O_RDONLY | LibC.O_CLOEXEC);
    }
}

using System.Runtime.InteropServices;

namespace Topo.Linux;

/// <summary>
/// The process's limit on open descriptors (RLIMIT_NOFILE). The session keeps a namespace's context
/// open while it fits an eighth of the limit and enters the namespace again when it does not, which
/// costs a thread start each time: a higher limit makes a large run faster. The .NET runtime already
/// raises the soft limit to the hard one; only root with CAP_SYS_RESOURCE can raise the hard one, up
/// to <c>fs.nr_open</c>, as <c>ulimit -n</c> would in the shell and as dockerd's unit asks with
/// <c>LimitNOFILE=infinity</c>. The limit is the process's own (and its children's): nothing of the
/// machine changes.
/// </summary>
public static partial class DescriptorLimit
{
    private const int NoFile = 7;

    /// <summary>The soft limit now.</summary>
    public static ulong Current => getrlimit(NoFile, out var limit) == 0 ? limit.Soft : 0;

    /// <summary>
    /// Makes room for at least <paramref name="count"/> descriptors where the process may: the soft
    /// limit up to the hard one, and the hard one past it up to <c>fs.nr_open</c> when the process is
    /// root. A smaller limit is left alone, as is a limit the process cannot raise (the run then fails
    /// as before, with EMFILE's own words, at the descriptor that did not fit).
    /// </summary>
    public static void RaiseTo(ulong count)
    {
        if (getrlimit(NoFile, out var limit) != 0 || limit.Soft >= count) return;
        var ceiling = Math.Max(limit.Hard, Math.Min(count, OpenCeiling()));
        var wanted = new RLimit { Soft = Math.Min(count, ceiling), Hard = ceiling };
        if (setrlimit(NoFile, in wanted) == 0) return;
        // Not root (or no CAP_SYS_RESOURCE): as far as the hard limit goes.
        wanted = limit with { Soft = Math.Min(count, limit.Hard) };
        setrlimit(NoFile, in wanted);
    }

    // The kernel's own bound on any process's limit.
    private static ulong OpenCeiling()
    {
        try
        {
            return ulong.TryParse(File.ReadAllText("/proc/sys/fs/nr_open").Trim(), out var n) ? n : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private record struct RLimit(ulong Soft, ulong Hard);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setrlimit(int resource, in RLimit limit);
}

using System.Runtime.InteropServices;

namespace Topo.Linux;

/// <summary>errno values and their text, as strerror gives them.</summary>
public static class Errors
{
    public const int EPERM = 1;
    public const int ENOENT = 2;
    public const int EINTR = 4;
    public const int EEXIST = 17;
    public const int ENODEV = 19;
    public const int EINVAL = 22;
    public const int ENETUNREACH = 101;
    public const int ESRCH = 3;

    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    /// <summary>The calling thread's errno right after a failed libc call, as a <see cref="KernelException"/>.</summary>
    public static KernelException Last(string context) => new(context, Marshal.GetLastPInvokeError() is var e && e != 0 ? e : Tmds.Linux.LibC.errno);
}
